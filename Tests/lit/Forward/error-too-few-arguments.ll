; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; A call that supplies fewer arguments than the function has parameters is an error.

declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x, double %y) {
entry:
  %r = fmul double %x, %y
  ret double %r
}

define double @caller(double %x, double %dx) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx)
  ret double %t
}

; CHECK: swad-opt: error:
; CHECK-SAME: in function 'caller'
; CHECK-SAME: too few arguments: 'f' has 2 parameters, but the call supplies only 1
