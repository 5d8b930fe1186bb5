; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; enzyme_out is a reverse-mode activity: in __enzyme_fwddiff it is an error that says what to use.

@enzyme_out = external global i32
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x) {
entry:
  %r = fmul double %x, %x
  ret double %r
}

define double @caller(double %x) {
entry:
  %m = load i32, ptr @enzyme_out
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %m, double %x)
  ret double %t
}

; CHECK: swad-opt: error:
; CHECK-SAME: enzyme_out is a reverse-mode activity
; CHECK-SAME: enzyme_dup
