; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; A call of a function with no body and no derivative rule, with an active argument, is an error
; that names the function (and the function being differentiated).

declare double @mystery(double)
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x) {
entry:
  %r = call double @mystery(double %x)
  ret double %r
}

define double @caller(double %x, double %dx) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx)
  ret double %t
}

; CHECK: swad-opt: error:
; CHECK-SAME: in function 'f'
; CHECK-SAME: cannot differentiate a call of 'mystery'
; CHECK-SAME: no derivative rule
