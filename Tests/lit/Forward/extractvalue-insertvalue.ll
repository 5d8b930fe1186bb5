; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Aggregates: insertvalue builds the tangent aggregate from the elements' tangents, extractvalue
; takes the element's tangent out of it.

declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x, double %y) {
entry:
  %a = insertvalue { double, double } poison, double %x, 0
  %b = insertvalue { double, double } %a, double %y, 1
  %u = extractvalue { double, double } %b, 0
  %v = extractvalue { double, double } %b, 1
  %r = fmul double %u, %v
  ret double %r
}

define double @caller(double %x, double %dx, double %y, double %dy) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx, double %y, double %dy)
  ret double %t
}

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], double [[Y:%.*]], double [[DY:%.*]])
; CHECK: [[A:%.*]] = insertvalue { double, double } poison, double [[X]], 0
; CHECK-NEXT: [[DA:%.*]] = insertvalue { double, double } zeroinitializer, double [[DX]], 0
; CHECK-NEXT: [[B:%.*]] = insertvalue { double, double } [[A]], double [[Y]], 1
; CHECK-NEXT: [[DB:%.*]] = insertvalue { double, double } [[DA]], double [[DY]], 1
; CHECK-NEXT: [[U:%.*]] = extractvalue { double, double } [[B]], 0
; CHECK-NEXT: [[DU:%.*]] = extractvalue { double, double } [[DB]], 0
; CHECK-NEXT: [[V:%.*]] = extractvalue { double, double } [[B]], 1
; CHECK-NEXT: [[DV:%.*]] = extractvalue { double, double } [[DB]], 1
; CHECK-NEXT: [[R:%.*]] = fmul double [[U]], [[V]]
; CHECK-NEXT: [[T1:%.*]] = fmul contract double [[V]], [[DU]]
; CHECK-NEXT: [[T2:%.*]] = fmul contract double [[U]], [[DV]]
; CHECK-NEXT: [[DR:%.*]] = fadd contract double [[T1]], [[T2]]
