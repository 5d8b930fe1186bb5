; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Forward tangent of fneg: the negated tangent.

declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x) {
entry:
  %r = fneg double %x
  ret double %r
}

define double @caller(double %x, double %dx) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx)
  ret double %t
}

; CHECK-LABEL: define double @caller(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]])
; CHECK: [[PAIR:%.*]] = call { double, double } @fwddiffef(double [[X]], double [[DX]])
; CHECK: [[T:%.*]] = extractvalue { double, double } [[PAIR]], 1
; CHECK: ret double [[T]]

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]])
; CHECK: [[R:%.*]] = fneg double [[X]]
; CHECK: [[DR:%.*]] = fneg double [[DX]]
; CHECK: [[P:%.*]] = insertvalue { double, double } poison, double [[R]], 0
; CHECK: [[Q:%.*]] = insertvalue { double, double } [[P]], double [[DR]], 1
; CHECK: ret { double, double } [[Q]]
