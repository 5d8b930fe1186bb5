; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; Fewer arguments than the function to differentiate has parameters: an error naming the function.
declare { double, double } @__enzyme_autodiff(ptr, ...)

define double @f(double %x, double %y) {
entry:
  %r = fmul double %x, %y
  ret double %r
}

define { double, double } @caller(double %x) {
entry:
  %g = call { double, double } (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret { double, double } %g
}

; CHECK: swad-opt: error: in function 'caller': too few arguments: 'f' has 2 parameters, but the call supplies only 1
