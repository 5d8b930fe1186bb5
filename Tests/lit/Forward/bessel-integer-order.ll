; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; Bessel functions of integer order n (the first operand, an integer without derivative):
; Jₙ'(x) = (Jₙ₋₁(x) − Jₙ₊₁(x)) / 2, and the same for Yₙ and the float spellings, as calls at the
; orders n − 1 and n + 1 (RuleTable.special, DerivativeExpr.orderedMath). They were refused as
; calls without a rule.

declare double @jn(i32, double)
declare float @ynf(i32, float)
declare double @__enzyme_fwddiff(ptr, ...)

define double @wave(i32 %n, double %x) {
  %j = call double @jn(i32 %n, double %x)
  ret double %j
}

define float @wavef(float %x) {
  %y = call float @ynf(i32 2, float %x)
  ret float %y
}

define void @df(i32 %n, double %x, float %y) {
  %a = call double (ptr, ...) @__enzyme_fwddiff(ptr @wave, i32 %n, double %x, double 1.0)
  %b = call float (ptr, ...) @__enzyme_fwddiff(ptr @wavef, float %y, float 1.0)
  ret void
}

; CHECK-LABEL: define internal { double, double } @fwddiffewave(
; CHECK:       [[BELOW:%[0-9]+]] = add i32 %n, -1
; CHECK-NEXT:  [[JB:%[0-9]+]] = call double @jn(i32 [[BELOW]], double %x)
; CHECK-NEXT:  [[ABOVE:%[0-9]+]] = add i32 %n, 1
; CHECK-NEXT:  [[JA:%[0-9]+]] = call double @jn(i32 [[ABOVE]], double %x)
; CHECK-NEXT:  [[D:%[0-9]+]] = fsub contract double [[JB]], [[JA]]
; CHECK-NEXT:  fmul contract double 5.000000e-01, [[D]]

; CHECK-LABEL: define internal { float, float } @fwddiffewavef(
; CHECK:       call float @ynf(i32 1, float %x)
; CHECK:       call float @ynf(i32 3, float %x)
