; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The counterpart of error-external-no-rule.ll: a call of a function without a body whose arguments
; are all inactive (it cannot carry a derivative) is copied into the augmented function as it is.

declare double @mystery(double)
declare i32 @count(i32)
declare double @__enzyme_autodiff(ptr, ...)

define double @f(double %x, i32 %n) {
entry:
  %k = call i32 @count(i32 %n)
  %kd = sitofp i32 %k to double
  %c = call double @mystery(double 2.0)
  %a = fmul double %x, %kd
  %r = fmul double %a, %c
  ret double %r
}

define double @caller(double %x, i32 %n) {
entry:
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, i32 %n)
  ret double %g
}

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: call i32 @count(i32 %n)
; CHECK: call double @mystery(double 2.000000e+00)
; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; CHECK-NOT: @mystery
; CHECK-NOT: @count
; CHECK: ret { double }
