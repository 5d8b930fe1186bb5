; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; A call of a defined variadic function with an active argument is an error that names the callee.

declare double @__enzyme_fwddiff(ptr, ...)

define double @sum(i32 %n, ...) {
entry:
  ret double 0.000000e+00
}

define double @f(double %x) {
entry:
  %r = call double (i32, ...) @sum(i32 1, double %x)
  ret double %r
}

define double @caller(double %x, double %dx) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx)
  ret double %t
}

; CHECK: swad-opt: error:
; CHECK-SAME: in function 'f'
; CHECK-SAME: variadic function 'sum'
