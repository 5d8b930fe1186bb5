; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The tangent of a select picks the tangent of the operand the primal picks, under the same condition.

declare double @__enzyme_fwddiff(ptr, ...)

define double @relu(double %x) {
entry:
  %pos = fcmp ogt double %x, 0.000000e+00
  %r = select i1 %pos, double %x, double 0.000000e+00
  ret double %r
}

define double @caller(double %x, double %dx) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @relu, double %x, double %dx)
  ret double %t
}

; CHECK-LABEL: define internal { double, double } @fwddifferelu(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]])
; CHECK: [[POS:%.*]] = fcmp ogt double [[X]], 0.000000e+00
; CHECK: [[R:%.*]] = select i1 [[POS]], double [[X]], double 0.000000e+00
; CHECK: [[DR:%.*]] = select i1 [[POS]], double [[DX]], double 0.000000e+00
; CHECK: [[P:%.*]] = insertvalue { double, double } poison, double [[R]], 0
; CHECK: insertvalue { double, double } [[P]], double [[DR]], 1
