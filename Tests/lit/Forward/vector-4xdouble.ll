; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; <4 x double> arithmetic: vector tangents, and extractelement of a lane takes the lane's tangent.

declare double @__enzyme_fwddiff(ptr, ...)

define double @f(<4 x double> %x, <4 x double> %y) {
entry:
  %p = fmul <4 x double> %x, %y
  %s = fadd <4 x double> %p, %x
  %e = extractelement <4 x double> %s, i32 2
  ret double %e
}

define double @caller(<4 x double> %x, <4 x double> %dx, <4 x double> %y, <4 x double> %dy) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, <4 x double> %x, <4 x double> %dx, <4 x double> %y, <4 x double> %dy)
  ret double %t
}

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: <4 x double> [[X:%.*]], <4 x double> [[DX:%.*]], <4 x double> [[Y:%.*]], <4 x double> [[DY:%.*]])
; CHECK: [[P:%.*]] = fmul <4 x double> [[X]], [[Y]]
; CHECK-NEXT: [[T1:%.*]] = fmul contract <4 x double> [[Y]], [[DX]]
; CHECK-NEXT: [[T2:%.*]] = fmul contract <4 x double> [[X]], [[DY]]
; CHECK-NEXT: [[DP:%.*]] = fadd contract <4 x double> [[T1]], [[T2]]
; CHECK-NEXT: [[S:%.*]] = fadd <4 x double> [[P]], [[X]]
; CHECK-NEXT: [[DS:%.*]] = fadd contract <4 x double> [[DP]], [[DX]]
; CHECK-NEXT: [[E:%.*]] = extractelement <4 x double> [[S]], i32 2
; CHECK-NEXT: [[DE:%.*]] = extractelement <4 x double> [[DS]], i32 2
; CHECK-NEXT: [[R:%.*]] = insertvalue { double, double } poison, double [[E]], 0
; CHECK-NEXT: insertvalue { double, double } [[R]], double [[DE]], 1
