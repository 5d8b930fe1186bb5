; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; The SLP vectorizer multiplies a vector by a constant with a poison lane where that lane of the
; product is discarded later (`fmul <2 x double> %v, <double poison, double 2.0>`, then a shuffle
; that keeps lane 1). The partial of the product with respect to %v is that constant: multiplied by
; the product's adjoint (0 in lane 0), its poison lane made lane 0 of %v's adjoint poison, and the
; post-AD optimizer folded the sum into x0's derivative as it pleased (reverse mode silently wrong
; at -O3 -ffast-math). Poison and undef lanes of a constant in a partial are 0.

declare double @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32

; f = x0·x0 (lane 0 of %sq) + 2·x1 (lane 1 of %b).
define double @f(ptr %x) {
  %v = load <2 x double>, ptr %x, align 8
  %b = fmul <2 x double> %v, <double poison, double 2.0>
  %sq = fmul <2 x double> %v, %v
  %s = shufflevector <2 x double> %sq, <2 x double> %b, <2 x i32> <i32 0, i32 3>
  %e0 = extractelement <2 x double> %s, i64 0
  %e1 = extractelement <2 x double> %s, i64 1
  %r = fadd double %e0, %e1
  ret double %r
}

define void @df(ptr %x, ptr %dx) {
  %unused = call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr @enzyme_dup, ptr %x, ptr %dx)
  ret void
}

; CHECK-LABEL: define internal {{.*}} @diffe_reverse_f(
; CHECK-NOT:   poison, double 2
; CHECK:       fmul contract <2 x double> <double 0.000000e+00, double 2.000000e+00>,
; CHECK:       ret
