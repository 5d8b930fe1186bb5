; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; A call that supplies more arguments than the function's parameters (and their shadows) take is an
; error.

@enzyme_const = external global i32
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x) {
entry:
  %r = fmul double %x, %x
  ret double %r
}

define double @caller(double %x, double %dx, double %extra) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx, double %extra)
  ret double %t
}

; CHECK: swad-opt: error:
; CHECK-SAME: in function 'caller'
; CHECK-SAME: too many arguments: 'f' has 1 parameter
; CHECK-SAME: 1 argument
