; RUN: %swad-opt %s --passes instcombine --pre-passes '' -S | FileCheck %s
; (instcombine folds the repacking of the result, keeping the derivative function out of line.)
; When the call is declared to return a struct of two doubles (C: `typedef struct { double val, der; }
; dual; dual __enzyme_fwddiff(...)`), it returns the primal result and the tangent together.

%struct.dual = type { double, double }
declare %struct.dual @__enzyme_fwddiff(ptr, ...)

define double @f(double %x) {
entry:
  %r = fmul double %x, %x
  ret double %r
}

define %struct.dual @caller(double %x, double %dx) {
entry:
  %t = call %struct.dual (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx)
  ret %struct.dual %t
}

; CHECK-LABEL: define %struct.dual @caller(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]])
; CHECK: [[PAIR:%.*]] = call { double, double } @fwddiffef(double [[X]], double [[DX]])
; CHECK-NEXT: [[V:%.*]] = extractvalue { double, double } [[PAIR]], 0
; CHECK-NEXT: [[D:%.*]] = extractvalue { double, double } [[PAIR]], 1
; CHECK-NEXT: [[S0:%.*]] = insertvalue %struct.dual poison, double [[V]], 0
; CHECK-NEXT: [[S1:%.*]] = insertvalue %struct.dual [[S0]], double [[D]], 1
; CHECK-NEXT: ret %struct.dual [[S1]]
