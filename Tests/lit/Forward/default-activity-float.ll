; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Without a marker, a floating-point argument is duplicated in forward mode: its tangent follows it.

declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x, float %y) {
entry:
  %e = fpext float %y to double
  %r = fmul double %x, %e
  ret double %r
}

define double @caller(double %x, double %dx, float %y, float %dy) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx, float %y, float %dy)
  ret double %t
}

; CHECK-LABEL: define double @caller(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], float [[Y:%.*]], float [[DY:%.*]])
; CHECK: call { double, double } @fwddiffef(double [[X]], double [[DX]], float [[Y]], float [[DY]])

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], float [[Y:%.*]], float [[DY:%.*]])
; CHECK: [[DE:%.*]] = fpext float [[DY]] to double
