; RUN: not %swad-opt %s -o %t.bc 2>&1 | FileCheck %s
; RUN: not test -e %t.bc
; A registered gradient has one lane: batched reverse mode through it is an error naming the call,
; not a gradient that forgets every lane but the first.

@__enzyme_register_gradient_ext = global [3 x ptr] [ptr @ext, ptr @ext_augmented, ptr @ext_reverse]

declare double @ext(double)
declare void @ext_augmented(double)
declare double @ext_reverse(double, double)
declare { double, double } @__enzyme_autodiff(ptr, ...)

define double @f(double %x) {
entry:
  %y = call double @ext(double %x)
  ret double %y
}

define { double, double } @caller(double %x) {
entry:
  %r = call { double, double } (ptr, ...) @__enzyme_autodiff(ptr @f, metadata !"enzyme_width", i64 2, double %x)
  ret { double, double } %r
}
; CHECK: error: in function 'f': cannot differentiate the call of 'ext' in batched reverse mode (enzyme_width 2): functions with custom gradients (__enzyme_register_gradient) have no batched adjoint yet; call the gradient once per direction
