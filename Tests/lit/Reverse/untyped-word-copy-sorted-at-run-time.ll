; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; An 8-byte integer copy that nothing types: no tag, no access of its own, the source cleared with a
; `memset`, the destination read as a pointer only through the address stored back into the
; container (a growing `std::vector<std::unique_ptr<double>>`'s relocation, vectorized and split
; into words, from code compiled with -fno-strict-aliasing). It was taken for a double: the
; forward sweep left the pointer's shadow behind and the reverse sweep followed a null shadow (a
; crash). Such a word is now told apart when the sweeps run: its shadow word moves forward, and
; back only when it is an adjoint (2^52 or more).

declare double @__enzyme_autodiff(ptr, ...)
declare ptr @malloc(i64)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)

define double @f(ptr %vec) {
entry:
  %old = load ptr, ptr %vec, align 8
  %new = call ptr @malloc(i64 8)
  %word = load i64, ptr %old, align 8
  store i64 %word, ptr %new, align 8
  call void @llvm.memset.p0.i64(ptr align 8 %old, i8 0, i64 8, i1 false)
  store ptr %new, ptr %vec, align 8
  %begin = load ptr, ptr %vec, align 8
  %p = load ptr, ptr %begin, align 8
  %v = load double, ptr %p, align 8
  %r = fmul double %v, %v
  ret double %r
}

define void @caller(ptr %vec, ptr %dvec) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %vec, ptr %dvec)
  ret void
}

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: %word = load i64, ptr %old, align 8
; CHECK: store i64 %word, ptr %new, align 8
; CHECK-NEXT: store i64 %"'word", ptr %"'new", align 8
; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: %is.adjoint = icmp uge i64 {{%[0-9]+}}, 4503599627370496
; CHECK: %moves.adjoint = fcmp une double
