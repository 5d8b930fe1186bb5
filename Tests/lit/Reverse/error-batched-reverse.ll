; RUN: not %swad-opt %s -o %t.bc 2>&1 | FileCheck %s
; RUN: not test -e %t.bc
; Batched reverse mode is not implemented: an error that says what to do instead, not a silently
; unbatched gradient.

declare { double, double } @__enzyme_autodiff(ptr, ...)

define double @f(double %x) {
entry:
  %m = fmul double %x, %x
  ret double %m
}

define { double, double } @caller(double %x) {
entry:
  %r = call { double, double } (ptr, ...) @__enzyme_autodiff(ptr @f, metadata !"enzyme_width", i64 2, double %x)
  ret { double, double } %r
}
; CHECK: error: in function 'caller': enzyme_width (batched reverse mode) is not supported yet: call __enzyme_autodiff once per direction, or take the Jacobian's columns with __enzyme_fwddiff and enzyme_width
