; A function listed in __enzyme_inactivefn is called as is, even with an active argument, and gets
; no derivative (a function without a body would otherwise be an error).
; RUN: %swad-opt %s -O0 --pre-passes='' -S | FileCheck %s

@__enzyme_inactivefn = global [1 x ptr] [ptr @log_value]

declare void @log_value(double)

define double @f(double %x) {
entry:
  call void @log_value(double %x)
  %z = fmul double %x, %x
  ret double %z
}

declare double @__enzyme_autodiff(ptr, ...)

define double @caller(double %x) {
entry:
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %d
}

; CHECK-LABEL: define internal double @augmented_f(
; CHECK:         call void @log_value(double %x)
; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; CHECK-NOT:     @log_value
; CHECK:         ret { double }
