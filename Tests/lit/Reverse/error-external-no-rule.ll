; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; Reverse mode: a call of a function with no body and no derivative rule, with an active argument,
; is an error that names the function being differentiated and the callee, and says what to do.
declare double @mystery(double)
declare double @__enzyme_autodiff(ptr, ...)

define double @f(double %x) {
entry:
  %r = call double @mystery(double %x)
  ret double %r
}

define double @caller(double %x) {
entry:
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %g
}

; CHECK: swad-opt: error:
; CHECK-SAME: in function 'f'
; CHECK-SAME: cannot differentiate a call of 'mystery'
; CHECK-SAME: no derivative rule
; CHECK-SAME: __enzyme_register_gradient_mystery
; CHECK-SAME: __enzyme_inactivefn
