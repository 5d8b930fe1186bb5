; RUN: not %swad-opt %s -o %t.bc 2>&1 | FileCheck %s
; RUN: not test -e %t.bc
; enzyme_primal_return with __enzyme_fwdsplit: the tangent does not run the primal; the primal
; result is what __enzyme_augmentfwd returns.
declare { double, double } @__enzyme_fwdsplit(ptr, ...)
@enzyme_primal_return = external global i32

define double @f(double %x) {
entry:
  %m = fmul double %x, %x
  ret double %m
}

define { double, double } @caller(double %x, ptr %tape) {
entry:
  %p = load i32, ptr @enzyme_primal_return
  %r = call { double, double } (ptr, ...) @__enzyme_fwdsplit(ptr @f, i32 %p, double %x, double 1.0, ptr %tape)
  ret { double, double } %r
}
; CHECK: error: in function 'caller': enzyme_primal_return is not available with forward split mode: __enzyme_augmentfwd returns the primal result
