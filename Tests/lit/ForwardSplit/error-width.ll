; RUN: not %swad-opt %s -o %t.bc 2>&1 | FileCheck %s
; RUN: not test -e %t.bc
; Batched forward split mode (enzyme_width) is not supported yet: an error naming the call.
declare [2 x double] @__enzyme_fwdsplit(ptr, ...)
@enzyme_width = external global i32

define double @f(double %x) {
entry:
  %m = fmul double %x, %x
  ret double %m
}

define [2 x double] @caller(double %x, ptr %tape) {
entry:
  %w = load i32, ptr @enzyme_width
  %r = call [2 x double] (ptr, ...) @__enzyme_fwdsplit(ptr @f, i32 %w, i64 2, double %x, double 1.0, double 2.0, ptr %tape)
  ret [2 x double] %r
}
; CHECK: error: in function 'caller': enzyme_width with forward split mode (batched __enzyme_fwdsplit) is not supported yet; call __enzyme_fwdsplit once per direction with enzyme_nofree, reusing the tape
