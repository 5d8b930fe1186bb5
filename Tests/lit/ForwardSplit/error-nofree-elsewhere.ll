; RUN: not %swad-opt %s -o %t.bc 2>&1 | FileCheck %s
; RUN: not test -e %t.bc
; enzyme_nofree belongs to __enzyme_fwdsplit.
declare double @__enzyme_fwddiff(ptr, ...)
@enzyme_nofree = external global i32

define double @f(double %x) {
entry:
  %m = fmul double %x, %x
  ret double %m
}

define double @caller(double %x) {
entry:
  %n = load i32, ptr @enzyme_nofree
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %n, double %x, double 1.0)
  ret double %r
}
; CHECK: error: in function 'caller': enzyme_nofree is an option of __enzyme_fwdsplit
