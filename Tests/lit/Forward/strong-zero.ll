; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; enzyme_strong_zero in forward mode: each tangent term, a partial times an operand's tangent, is 0
; where the tangent or the partial is 0: an infinite partial (pow(x, 0.5) at 0) along a direction
; that does not move x, or an infinite tangent weighted by 0, leaves the tangent finite. Without the
; flag, the plain products.

@enzyme_strong_zero = external global i32
declare double @__enzyme_fwddiff(ptr, ...)
declare double @llvm.pow.f64(double, double)

define double @f(double %x, double %y) {
entry:
  %p = call double @llvm.pow.f64(double %x, double 5.000000e-01)
  %r = fmul double %p, %y
  ret double %r
}

define double @strong(double %x, double %dx, double %y, double %dy) {
entry:
  %m = load i32, ptr @enzyme_strong_zero
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %m, double %x, double %dx, double %y, double %dy)
  ret double %t
}

define double @plain(double %x, double %dx, double %y, double %dy) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx, double %y, double %dy)
  ret double %t
}

; CHECK-LABEL: define double @strong(
; CHECK: call { double, double } @fwddiffef(double %x, double %dx, double %y, double %dy)

; CHECK-LABEL: define double @plain(
; CHECK: call { double, double } @fwddiffef.{{[0-9]+}}(double %x, double %dx, double %y, double %dy)

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK: [[PARTIAL:%.*]] = fmul contract double 5.000000e-01, {{%.*}}
; CHECK-NEXT: [[TERM:%.*]] = fmul contract double [[PARTIAL]], %"'x"
; CHECK-NEXT: [[Z0:%.*]] = fcmp oeq double %"'x", 0.000000e+00
; CHECK-NEXT: [[P0:%.*]] = fcmp oeq double [[PARTIAL]], 0.000000e+00
; CHECK-NEXT: [[E0:%.*]] = or i1 [[Z0]], [[P0]]
; CHECK-NEXT: [[DP:%.*]] = select i1 [[E0]], double 0.000000e+00, double [[TERM]]
; CHECK: [[T1:%.*]] = fmul contract double %y, [[DP]]
; CHECK-NEXT: [[Z1:%.*]] = fcmp oeq double [[DP]], 0.000000e+00
; CHECK-NEXT: [[P1:%.*]] = fcmp oeq double %y, 0.000000e+00
; CHECK-NEXT: [[E1:%.*]] = or i1 [[Z1]], [[P1]]
; CHECK-NEXT: select i1 [[E1]], double 0.000000e+00, double [[T1]]
; CHECK: [[T2:%.*]] = fmul contract double %p, %"'y"
; CHECK-NEXT: [[Z2:%.*]] = fcmp oeq double %"'y", 0.000000e+00
; CHECK-NEXT: [[P2:%.*]] = fcmp oeq double %p, 0.000000e+00
; CHECK-NEXT: [[E2:%.*]] = or i1 [[Z2]], [[P2]]
; CHECK-NEXT: select i1 [[E2]], double 0.000000e+00, double [[T2]]

; CHECK-LABEL: define internal { double, double } @fwddiffef.
; CHECK-NOT: fcmp
; CHECK: ret { double, double }
