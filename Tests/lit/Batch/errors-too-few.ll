; RUN: not %swad-opt %s -o %t.bc 2>&1 | FileCheck %s
; An enzyme_vector argument takes one value per lane.

declare [4 x double] @__enzyme_batch(...)

define double @f(double %x) {
entry:
  ret double %x
}

define [4 x double] @short(double %x) {
entry:
  %r = call [4 x double] (...) @__enzyme_batch(ptr @f, metadata !"enzyme_width", i64 4, metadata !"enzyme_vector", double %x, double %x)
  ret [4 x double] %r
}
; CHECK: error: in function 'short': too few arguments: argument 1 of 'f' is enzyme_vector and takes 4 values (one per lane), but the call ends after 2
