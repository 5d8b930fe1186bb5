; RUN: not %swad-opt %s -o %t.bc 2>&1 | FileCheck %s
; RUN: not test -e %t.bc
; Batch calls that cannot be read are errors naming the problem.

declare [2 x double] @__enzyme_batch(...)

define double @f(double %x, double %a) {
entry:
  %m = fmul double %x, %a
  ret double %m
}

define [2 x double] @no_width(double %x, double %a) {
entry:
  %r = call [2 x double] (...) @__enzyme_batch(ptr @f, metadata !"enzyme_vector", double %x, double %x, double %a)
  ret [2 x double] %r
}
; CHECK: error: in function 'no_width': __enzyme_batch needs enzyme_width N before the arguments of 'f'
