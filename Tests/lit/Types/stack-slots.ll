; RUN: %swad-opt %s --pre-passes '' --print-integer-types | FileCheck %s
; Unsimplified code keeps values in stack slots: a parameter spilled and memcpy'd into a double, a
; union written as a double and read as an integer. The analysis follows the bytes of slots that do
; not escape through the loads, stores and copies at constant offsets.

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

; CHECK-LABEL: integer types of @f:
; CHECK-NEXT: {0-7: double} %bits = load i64, ptr %union
define double @f(double %x) {
  %union = alloca { double }
  store double %x, ptr %union
  %bits = load i64, ptr %union
  %r = call double @from_bits(i64 %bits)
  ret double %r
}

; CHECK-LABEL: integer types of @from_bits:
; CHECK-NEXT: {0-7: double} i64 %b
define internal double @from_bits(i64 %b) {
  %b.addr = alloca i64
  %d = alloca double
  store i64 %b, ptr %b.addr
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %b.addr, i64 8, i1 false)
  %r = load double, ptr %d
  ret double %r
}

; A slot whose address escapes (passed to a call) is not followed: its integer stays unknown.
; CHECK-NOT: integer types of @escapes
define internal double @escapes(double %x) {
  %slot = alloca double
  store double %x, ptr %slot
  call void @opaque(ptr %slot)
  %bits = load i64, ptr %slot
  %r = call double @from_bits2(i64 %bits)
  ret double %r
}
declare void @opaque(ptr)
define internal double @from_bits2(i64 %b) {
  %r = uitofp i64 %b to double
  ret double %r
}

define double @caller(double %x) {
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  %e = call double (ptr, ...) @__enzyme_autodiff(ptr @escapes, double %x)
  %s = fadd double %d, %e
  ret double %s
}
