; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; When the call is declared to return the result's type, it returns the tangent alone.

declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x) {
entry:
  %r = fmul double %x, 5.000000e+00
  ret double %r
}

define double @caller(double %x, double %dx) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx)
  ret double %t
}

; CHECK-LABEL: define double @caller(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]])
; CHECK-NEXT: entry:
; CHECK-NEXT: [[PAIR:%.*]] = call { double, double } @fwddiffef(double [[X]], double [[DX]])
; CHECK-NEXT: {{%.*}} = extractvalue { double, double } [[PAIR]], 0
; CHECK-NEXT: [[T:%.*]] = extractvalue { double, double } [[PAIR]], 1
; CHECK-NEXT: ret double [[T]]
