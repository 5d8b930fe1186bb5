; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; Wide reductions: the loop vectorizer interleaving four AVX vectors, and SLP, sum 20, 24 or 32
; lanes at once under -O3 -march=native -ffast-math (a cloth step, a gather, a median's residuals).
; They were refused above 16 lanes; sums now have rules to 64 lanes, the others to 32
; (RuleTable.vectorReductions).

declare double @__enzyme_autodiff(ptr, ...)
declare double @llvm.vector.reduce.fadd.v20f64(double, <20 x double>)
declare float @llvm.vector.reduce.fadd.v64f32(float, <64 x float>)
declare double @llvm.vector.reduce.fmax.v24f64(<24 x double>)
@enzyme_dup = external global i32

define double @sum20(ptr %x) {
  %v = load <20 x double>, ptr %x, align 8
  %r = call reassoc double @llvm.vector.reduce.fadd.v20f64(double 0.0, <20 x double> %v)
  ret double %r
}

define float @sum64(ptr %x) {
  %v = load <64 x float>, ptr %x, align 4
  %r = call reassoc float @llvm.vector.reduce.fadd.v64f32(float 0.0, <64 x float> %v)
  ret float %r
}

define double @largest24(ptr %x) {
  %v = load <24 x double>, ptr %x, align 8
  %r = call double @llvm.vector.reduce.fmax.v24f64(<24 x double> %v)
  ret double %r
}

define void @df(ptr %x, ptr %dx, ptr %y, ptr %dy) {
  %a = call double (ptr, ...) @__enzyme_autodiff(ptr @sum20, ptr @enzyme_dup, ptr %x, ptr %dx)
  %b = call double (ptr, ...) @__enzyme_autodiff(ptr @sum64, ptr @enzyme_dup, ptr %y, ptr %dy)
  %c = call double (ptr, ...) @__enzyme_autodiff(ptr @largest24, ptr @enzyme_dup, ptr %x, ptr %dx)
  ret void
}

; Every lane of x's shadow gains the sum's adjoint.
; CHECK-LABEL: define internal {{.*}} @diffe_reverse_sum20(
; CHECK:       insertelement <20 x double> {{%[0-9]+}}, double [[SEED:%[0-9]+]], i32 19
; CHECK:       fadd {{.*}}<20 x double>
; CHECK:       ret
; CHECK-LABEL: define internal {{.*}} @diffe_reverse_sum64(
; CHECK:       insertelement <64 x float> {{%[0-9]+}}, float [[SEED:%[0-9]+]], i32 63
; CHECK:       fadd {{.*}}<64 x float>
; CHECK:       ret
; The last lane takes the maximum's adjoint only where no lane before it equals the result.
; CHECK-LABEL: define internal {{.*}} @diffe_reverse_largest24(
; CHECK:       extractelement <24 x double> {{%[0-9]+}}, i32 23
; CHECK:       fcmp oeq double
; CHECK:       ret
