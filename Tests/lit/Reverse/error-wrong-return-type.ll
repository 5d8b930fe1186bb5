; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; An __enzyme_autodiff prototype whose return type cannot hold the adjoints of the enzyme_out
; arguments (four doubles declared; two adjoints, or the result and two adjoints, would fit): an error
; that shows both types.
declare { double, double, double, double } @__enzyme_autodiff(ptr, ...)

define double @f(double %x, double %y) {
entry:
  %r = fmul double %x, %y
  ret double %r
}

define { double, double, double, double } @caller(double %x, double %y) {
entry:
  %g = call { double, double, double, double } (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, double %y)
  ret { double, double, double, double } %g
}

; CHECK: swad-opt: error: in function 'caller': __enzyme_autodiff is declared to return { double, double, double, double }, but the adjoints of the enzyme_out arguments of 'f' are { double, double }
