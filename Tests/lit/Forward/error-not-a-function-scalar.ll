; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; The first argument must be the function to differentiate: a double passed through a typed
; prototype is an error that names the type it got.

declare double @__enzyme_fwddiff_typed(double, double)

define double @caller(double %x, double %dx) {
entry:
  %t = call double @__enzyme_fwddiff_typed(double %x, double %dx)
  ret double %t
}

; CHECK: swad-opt: error:
; CHECK-SAME: in function 'caller'
; CHECK-SAME: the first argument of __enzyme_fwddiff must be a function, not double
