; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Forward tangent of fdiv.

declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x, double %y) {
entry:
  %r = fdiv double %x, %y
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
; d(x/y) = dx/y - (x/y)/y * dy
; CHECK: [[R:%.*]] = fdiv double [[X]], [[Y]]
; CHECK: [[INV:%.*]] = fdiv double 1.000000e+00, [[Y]]
; CHECK: [[A:%.*]] = fmul contract double [[INV]], [[DX]]
; CHECK: [[NR:%.*]] = fneg double [[R]]
; CHECK: [[NRY:%.*]] = fdiv double [[NR]], [[Y]]
; CHECK: [[B:%.*]] = fmul contract double [[NRY]], [[DY]]
; CHECK: [[DR:%.*]] = fadd contract double [[A]], [[B]]
; CHECK: [[P:%.*]] = insertvalue { double, double } poison, double [[R]], 0
; CHECK: [[Q:%.*]] = insertvalue { double, double } [[P]], double [[DR]], 1
; CHECK: ret { double, double } [[Q]]
