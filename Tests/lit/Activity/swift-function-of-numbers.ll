; RUN: %swad-opt %s -O0 --pre-passes '' --print-activity | FileCheck %s
; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s --check-prefix=IR
; A Swift standard-library function left a declaration (it runs in libswiftCore) that takes no
; pointer and returns no floating-point value, `Double.exponent`'s getter: a function of its numbers
; with no derivative, inactive (it was refused as a function without a rule).

declare swiftcc i64 @"$sSd8exponentSivg"(double)
declare double @__enzyme_autodiff(ptr, ...)

define double @f(double %x) {
entry:
  %e = call swiftcc i64 @"$sSd8exponentSivg"(double %x)
  %scale = sitofp i64 %e to double
  %r = fmul double %x, %scale
  ret double %r
}

define double @caller(double %x) {
entry:
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %g
}

; CHECK-LABEL: activity of @f (reverse; active):
; CHECK: inactive: %e = call swiftcc i64 @"$sSd8exponentSivg"(double %x)
; CHECK: active: %r = fmul double %x, %scale

; The derivative is made, the call copied as it is (it was an error: no rule for the function).
; IR-LABEL: define internal double @augmented_f(
; IR: call swiftcc i64 @"$sSd8exponentSivg"(double %x)
; IR-LABEL: define internal { double } @diffe_reverse_f(
