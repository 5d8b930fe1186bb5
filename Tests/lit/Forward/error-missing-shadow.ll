; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; A duplicated argument whose shadow is missing (the call ends after the primal) is an error.

@enzyme_dup = external global i32
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x) {
entry:
  %r = fmul double %x, %x
  ret double %r
}

define double @caller(double %x) {
entry:
  %d = load i32, ptr @enzyme_dup
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %d, double %x)
  ret double %t
}

; CHECK: swad-opt: error:
; CHECK-SAME: missing shadow of argument 1 of 'f'
