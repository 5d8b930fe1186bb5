; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; More arguments than the function to differentiate has parameters (and shadows): an error. One
; trailing float is the seed (the result's adjoint, see seed-trailing.ll); two are too many.
declare { double, double } @__enzyme_autodiff(ptr, ...)

define double @f(double %x, double %y) {
entry:
  %r = fmul double %x, %y
  ret double %r
}

define { double, double } @caller(double %x, double %y) {
entry:
  %g = call { double, double } (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, double %y, double 1.0, double 2.0)
  ret { double, double } %g
}

; CHECK: swad-opt: error: in function 'caller': too many arguments: 'f' has 2 parameters;
