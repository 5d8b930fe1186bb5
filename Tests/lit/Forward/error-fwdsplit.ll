; RUN: not %swad-opt %s -o %t.bc 2>&1 | FileCheck %s
; RUN: not test -e %t.bc
; __enzyme_fwdsplit is not implemented: an error naming it, not an undefined symbol at link time.

declare double @__enzyme_fwdsplit(ptr, ...)

define double @f(double %x) {
entry:
  %m = fmul double %x, %x
  ret double %m
}

define double @caller(double %x) {
entry:
  %r = call double (ptr, ...) @__enzyme_fwdsplit(ptr @f, double %x, double 1.0, ptr null)
  ret double %r
}
; CHECK: error: in function 'caller': __enzyme_fwdsplit (forward mode split into a tape-recording primal and a tangent that reuses the tape) is not supported yet; __enzyme_fwddiff computes the primal and the tangent together
