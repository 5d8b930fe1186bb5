; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Forward tangent of fmul.

declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x, double %y) {
entry:
  %r = fmul double %x, %y
  ret double %r
}

define double @caller(double %x, double %dx, double %y, double %dy) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx, double %y, double %dy)
  ret double %t
}

; CHECK-LABEL: define double @caller(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], double [[Y:%.*]], double [[DY:%.*]])
; CHECK: [[PAIR:%.*]] = call { double, double } @fwddiffef(double [[X]], double [[DX]], double [[Y]], double [[DY]])
; CHECK: [[T:%.*]] = extractvalue { double, double } [[PAIR]], 1
; CHECK: ret double [[T]]

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], double [[Y:%.*]], double [[DY:%.*]])
; CHECK: [[R:%.*]] = fmul double [[X]], [[Y]]
; CHECK: [[A:%.*]] = fmul contract double [[Y]], [[DX]]
; CHECK: [[B:%.*]] = fmul contract double [[X]], [[DY]]
; CHECK: [[DR:%.*]] = fadd contract double [[A]], [[B]]
; CHECK: [[P:%.*]] = insertvalue { double, double } poison, double [[R]], 0
; CHECK: [[Q:%.*]] = insertvalue { double, double } [[P]], double [[DR]], 1
; CHECK: ret { double, double } [[Q]]
