; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; The function to differentiate must have a body in the module.

declare double @elsewhere(double)
declare double @__enzyme_fwddiff(ptr, ...)

define double @caller(double %x, double %dx) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @elsewhere, double %x, double %dx)
  ret double %t
}

; CHECK: swad-opt: error:
; CHECK-SAME: in function 'caller'
; CHECK-SAME: cannot differentiate 'elsewhere': the function has no body in this module
