; RUN: %swad-opt %s -O0 --pre-passes '' --print-activity | FileCheck %s --check-prefix=ACTIVITY
; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; (x + 1.5·2^52) - 1.5·2^52 rounds x to an integer (Eigen's print and pfloor behind its vectorized
; exp, musl's exp): the result is piecewise constant, its derivative 0, not the 1 of the identity the
; two additions make when differentiated one by one. Taken as 1, the reduced argument of Eigen's
; exp lost its derivative and exp's derivative came out 0 without an error. Here f(x) =
; (x - round(x))·x, f'(x) = (x - round(x)) + x: the rounded value is inactive in both modes, and
; the shift through a fence (what optimization barriers become) counts as the same value.

declare double @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)
declare double @llvm.arithmetic.fence.f64(double)

define double @fraction(double %x) {
entry:
  %shifted = fadd double %x, 0x4338000000000000
  %fenced = call double @llvm.arithmetic.fence.f64(double %shifted)
  %rounded = fsub double %fenced, 0x4338000000000000
  %frac = fsub double %x, %rounded
  %y = fmul double %frac, %x
  ret double %y
}

; 2^52 added and subtracted, on float lanes 2^23, added as a negative constant.
define <4 x float> @lanes(<4 x float> %x) {
entry:
  %shifted = fadd <4 x float> splat (float 0x4160000000000000), %x
  %rounded = fadd <4 x float> %shifted, splat (float 0xC160000000000000)
  %y = fmul <4 x float> %rounded, %x
  ret <4 x float> %y
}

define double @caller(double %x, double %dx, <4 x float> %v, <4 x float> %dv) {
entry:
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @fraction, double %x)
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @fraction, double %x, double %dx)
  %u = call <4 x float> (ptr, ...) @__enzyme_fwddiff(ptr @lanes, <4 x float> %v, <4 x float> %dv)
  %s = fadd double %g, %t
  ret double %s
}

; ACTIVITY-LABEL: activity of @fraction (reverse; active):
; ACTIVITY:       inactive: %rounded = fsub double %fenced
; ACTIVITY:       active:   %frac = fsub double %x, %rounded
; ACTIVITY-LABEL: activity of @fraction (forward; duplicated):
; ACTIVITY:       inactive: %rounded = fsub double %fenced
; ACTIVITY-LABEL: activity of @lanes (forward; duplicated):
; ACTIVITY:       varied:   %shifted = fadd <4 x float>
; ACTIVITY:       inactive: %rounded = fadd <4 x float> %shifted

; The adjoint of y reaches x twice, through frac (times x) and directly (times frac): nothing
; through the rounding.
; CHECK-LABEL: define internal { double } @diffe_reverse_fraction(
; CHECK:       fmul contract double %x, [[DY:%[0-9]+]]
; CHECK:       fmul contract double {{%[0-9]+}}, [[DY]]
; CHECK-NOT:   fence
; CHECK:       ret { double }

; CHECK-LABEL: define internal { double, double } @fwddiffefraction(
; CHECK:       %frac = fsub double %x, %rounded
; CHECK-NEXT:  %y = fmul double %frac, %x
; CHECK-NEXT:  [[A:%.*]] = fmul contract double %x, %"'x"
; CHECK-NEXT:  [[B:%.*]] = fmul contract double %frac, %"'x"
; CHECK-NEXT:  fadd contract double [[A]], [[B]]

; The tangent of rounded·x is rounded·ẋ alone.
; CHECK-LABEL: define internal {{.*}} @fwddiffelanes(
; CHECK:       %y = fmul <4 x float> %rounded, %x
; CHECK-NEXT:  [[T:%.*]] = fmul contract <4 x float> %rounded, %"'x"
; CHECK-NOT:   fadd {{.*}}<4 x float> {{.*}}%"'x"
; CHECK:       ret
