; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A copy nothing lays out (a helper's memcpy of a run-time length, no type tag, no access to the
; bytes) in a module that keeps long doubles in memory, as a `std::vector<std::variant<long double,
; double>>` relocated by `reserve`. Guessed to hold doubles, the copy moved a long double's adjoint
; back as two doubles: an adjoint of exactly 1 has the significand 0x8000000000000000, -0.0 as a
; double, which 0 + -0.0 turned into +0.0, and the long double became NaN. Its 16-byte pieces are
; now told apart when the reverse runs: moved as one x86_fp80 where the shadow reads as a long
; double, else as two doubles whose bits survive a move into zero. So are copies that the accesses
; near them lay out as long doubles and doubles alone (`@swapped`: a union's other member may put
; a double where the layout has a long double's exponent).
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

; `vector` is {ptr storage, ptr grown}: the storage moves to the grown block.
define internal void @relocate(ptr %vector, i64 %bytes) noinline {
entry:
  %from = load ptr, ptr %vector, align 8
  %grown.at = getelementptr inbounds i8, ptr %vector, i64 8
  %to = load ptr, ptr %grown.at, align 8
  call void @llvm.memcpy.p0.p0.i64(ptr align 16 %to, ptr align 16 %from, i64 %bytes, i1 false)
  store ptr %to, ptr %vector, align 8
  ret void
}

define double @f(ptr %x, ptr %vector) {
entry:
  %x0 = load double, ptr %x, align 8
  %w = fpext double %x0 to x86_fp80
  %storage = load ptr, ptr %vector, align 8
  store x86_fp80 %w, ptr %storage, align 16
  call void @relocate(ptr %vector, i64 32)
  %moved = load ptr, ptr %vector, align 8
  %v = load x86_fp80, ptr %moved, align 16
  %r = fptrunc x86_fp80 %v to double
  ret double %r
}

define double @swapped(ptr %x) {
entry:
  %a = alloca [2 x { x86_fp80 }], align 16
  %t = alloca { x86_fp80 }, align 16
  %x0 = load double, ptr %x, align 8
  %w0 = fpext double %x0 to x86_fp80
  %a1 = getelementptr inbounds i8, ptr %a, i64 16
  store x86_fp80 %w0, ptr %a, align 16
  store x86_fp80 %w0, ptr %a1, align 16
  call void @llvm.memcpy.p0.p0.i64(ptr align 16 %t, ptr align 16 %a, i64 16, i1 false)
  call void @llvm.memcpy.p0.p0.i64(ptr align 16 %a, ptr align 16 %a1, i64 16, i1 false)
  call void @llvm.memcpy.p0.p0.i64(ptr align 16 %a1, ptr align 16 %t, i64 16, i1 false)
  %v0 = load x86_fp80, ptr %a, align 16
  %r = fptrunc x86_fp80 %v0 to double
  ret double %r
}

define void @caller(ptr %x, ptr %dx, ptr %v, ptr %dv) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx, ptr %v, ptr %dv)
  call double (ptr, ...) @__enzyme_autodiff(ptr @swapped, ptr %x, ptr %dx)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_relocate(
; CHECK: udiv i64 %bytes, 16
; CHECK: memcpy.adjoint:
; CHECK: %is.long.double = and i1
; CHECK-NEXT: br i1 %is.long.double, label %long.double.move, label %double.words.move
; CHECK: long.double.move:
; CHECK: load x86_fp80
; CHECK: store x86_fp80 0xK00000000000000000000
; CHECK: fadd x86_fp80
; CHECK: double.words.move:
; CHECK: fadd double
; CHECK: last.word.move:

; CHECK-LABEL: define internal void @diffe_reverse_swapped(
; CHECK: %is.long.double = and i1
; CHECK: long.double.move:
; CHECK: fadd x86_fp80
