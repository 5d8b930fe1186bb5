; RUN: not %swad-opt %s -o %t.bc 2>&1 | FileCheck %s
; RUN: not test -e %t.bc
; __enzyme_fwdsplit without the tape after the arguments.
declare double @__enzyme_fwdsplit(ptr, ...)

define double @f(double %x) {
entry:
  %m = fmul double %x, %x
  ret double %m
}

define double @caller(double %x) {
entry:
  %r = call double (ptr, ...) @__enzyme_fwdsplit(ptr @f, double %x, double 1.0)
  ret double %r
}
; CHECK: error: in function 'caller': __enzyme_fwdsplit needs the tape from __enzyme_augmentfwd after the arguments of 'f' (or enzyme_tape and the memory given to __enzyme_augmentfwd)
