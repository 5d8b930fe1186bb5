; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A copy of text from a constant (a string literal into a std::string's buffer) holds no adjoint:
; its reverse clears nothing in the destination's shadow. It cleared the copied bytes' shadow, and
; the shadow string's buffer could be gone by then: the library's out-of-line string members, run
; again on the shadow string, replace and free its buffer as it grows (valgrind: invalid writes).

; CHECK-LABEL: define internal { double } @diffe_reverse_keyed(
; CHECK-NOT: @llvm.memset
; CHECK: ret void

@.str = private unnamed_addr constant [24 x i8] c"key_number_long_enough_\00"

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare double @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32
@enzyme_out = external global i32

define double @keyed(ptr %buffer, double %x) {
  call void @llvm.memcpy.p0.p0.i64(ptr %buffer, ptr @.str, i64 24, i1 false)
  %r = fmul double %x, %x
  ret double %r
}

define double @caller(ptr %buffer, ptr %dbuffer, double %x) {
  %d = load i32, ptr @enzyme_dup
  %o = load i32, ptr @enzyme_out
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @keyed, i32 %d, ptr %buffer, ptr %dbuffer, i32 %o, double %x)
  ret double %g
}
