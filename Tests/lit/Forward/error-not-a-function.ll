; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; The first argument must be the function to differentiate: a pointer to data is an error, and so is
; a value that is not a pointer at all (through a typed prototype).

@data = global double 1.0
declare double @__enzyme_fwddiff(ptr, ...)

define double @caller(double %x, double %dx) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @data, double %x, double %dx)
  ret double %t
}

; CHECK: swad-opt: error:
; CHECK-SAME: in function 'caller'
; CHECK-SAME: the first argument of __enzyme_fwddiff must be a function
