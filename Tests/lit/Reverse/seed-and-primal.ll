; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; Combined reverse mode, as Rust's autodiff calls it: a trailing float after the arguments is the
; adjoint of the result (the seed, 1.0 when absent), and a declared result with room for the primal
; result before the adjoints gets it there.
declare { double, double, double } @__enzyme_autodiff(ptr, ...)

define double @f(double %x, double %y) {
entry:
  %r = fmul double %x, %y
  ret double %r
}

define { double, double, double } @caller(double %x, double %y, double %seed) {
entry:
  %g = call { double, double, double } (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, double %y, double %seed)
  ret { double, double, double } %g
}

; CHECK-LABEL: define { double, double, double } @caller(
; CHECK-SAME: double [[X:%.*]], double [[Y:%.*]], double [[SEED:%.*]])
; CHECK: call { double, double, double } @diffef(double [[X]], double [[Y]], double [[SEED]])

; CHECK-LABEL: define internal { double, double, double } @diffef(
; CHECK-SAME: double [[X:%.*]], double [[Y:%.*]], double [[DRET:%.*]])
; CHECK: [[PRIMAL:%.*]] = call double @augmented_f(double [[X]], double [[Y]], ptr [[TAPE:%.*]])
; CHECK: [[ADJ:%.*]] = call { double, double } @diffe_reverse_f(ptr [[TAPE]], double [[DRET]], double [[X]], double [[Y]])
; CHECK: insertvalue { double, double, double } poison, double [[PRIMAL]], 0
