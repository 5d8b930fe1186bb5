; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; C99 complex functions as clang lowers them on x86-64: double complex as two doubles in and
; { double, double } out, float complex as <2 x float>. A holomorphic function's tangent is
; f'(z)·ż in real arithmetic (cexp: f' = f); cabs' = (re, im) / |z|, 0 at 0; __muldc3(a, b, c, d)
; = (a + bi)(c + di) has the product rule.

declare { double, double } @cexp(double, double)
declare float @cabsf(<2 x float>)
declare { double, double } @__muldc3(double, double, double, double)
declare double @__enzyme_fwddiff(ptr, ...)
declare float @__enzyme_fwddiff_f(ptr, ...)

define double @complex_exp(double %a, double %b) {
entry:
  %w = call { double, double } @cexp(double %a, double %b)
  %re = extractvalue { double, double } %w, 0
  %im = extractvalue { double, double } %w, 1
  %s = fadd double %re, %im
  ret double %s
}

define float @complex_absf(<2 x float> %z) {
entry:
  %r = call float @cabsf(<2 x float> %z)
  ret float %r
}

define double @complex_mul(double %a, double %b, double %c, double %d) {
entry:
  %w = call { double, double } @__muldc3(double %a, double %b, double %c, double %d)
  %im = extractvalue { double, double } %w, 1
  ret double %im
}

define void @caller(double %a, double %b, <2 x float> %z, <2 x float> %dz) {
entry:
  %1 = call double (ptr, ...) @__enzyme_fwddiff(ptr @complex_exp, double %a, double 1.0, double %b, double 0.0)
  %2 = call float (ptr, ...) @__enzyme_fwddiff_f(ptr @complex_absf, <2 x float> %z, <2 x float> %dz)
  %3 = call double (ptr, ...) @__enzyme_fwddiff(ptr @complex_mul, double %a, double 1.0, double %b, double 0.0, double %a, double 0.0, double %b, double 1.0)
  ret void
}

; The Jacobian of cexp is [[re f, −im f], [im f, re f]].
; CHECK-LABEL: define internal { double, double } @fwddiffecomplex_exp(
; CHECK-SAME: double [[A:%.*]], double [[DA:%.*]], double [[B:%.*]], double [[DB:%.*]])
; CHECK:      [[W:%.*]] = call { double, double } @cexp(double [[A]], double [[B]])
; CHECK:      [[RE:%.*]] = extractvalue { double, double } [[W]], 0
; CHECK:      [[T0:%.*]] = fmul contract double [[RE]], [[DA]]
; CHECK-NEXT: [[IM:%.*]] = extractvalue { double, double } [[W]], 1
; CHECK:      [[NIM:%.*]] = fneg double [[IM]]
; CHECK:      [[T1:%.*]] = fmul contract double [[NIM]], [[DB]]
; CHECK:      [[DRE:%.*]] = fadd contract double [[T0]], [[T1]]
; CHECK:      [[T2:%.*]] = fmul contract double [[IM]], [[DA]]
; CHECK:      [[T3:%.*]] = fmul contract double [[RE]], [[DB]]
; CHECK:      [[DIM:%.*]] = fadd contract double [[T2]], [[T3]]
; CHECK:      insertvalue { double, double } poison, double [[DRE]], 0
; CHECK:      insertvalue { double, double } {{%.*}}, double [[DIM]], 1

; The float version: one <2 x float> operand is two scalars.
; CHECK-LABEL: define internal { float, float } @fwddiffecomplex_absf(
; CHECK-SAME: <2 x float> [[Z:%.*]], <2 x float> [[DZ:%.*]])
; CHECK-DAG:  [[X:%.*]] = extractelement <2 x float> [[Z]], i32 0
; CHECK-DAG:  [[Y:%.*]] = extractelement <2 x float> [[Z]], i32 1
; CHECK-DAG:  [[R:%.*]] = call float @cabsf(<2 x float> [[Z]])
; CHECK-DAG:  [[DX:%.*]] = extractelement <2 x float> [[DZ]], i32 0
; CHECK-DAG:  [[DY:%.*]] = extractelement <2 x float> [[DZ]], i32 1
; CHECK:      fcmp oeq float [[R]], 0.000000e+00
; CHECK:      fdiv float [[X]], [[R]]
; CHECK:      fdiv float [[Y]], [[R]]
; CHECK:      ret { float, float }

; __muldc3: d(zw) = w dz + z dw.
; CHECK-LABEL: define internal { double, double } @fwddiffecomplex_mul(
; CHECK-SAME: double [[A:%.*]], double [[DA:%.*]], double [[B:%.*]], double [[DB:%.*]], double [[C:%.*]], double [[DC:%.*]], double [[D:%.*]], double [[DD:%.*]])
; CHECK:      call { double, double } @__muldc3(double [[A]], double [[B]], double [[C]], double [[D]])
; CHECK-DAG:  fmul contract double [[D]], [[DA]]
; CHECK-DAG:  fmul contract double [[C]], [[DB]]
; CHECK-DAG:  fmul contract double [[B]], [[DC]]
; CHECK-DAG:  fmul contract double [[A]], [[DD]]
; CHECK:      ret { double, double }
