; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; Any enzyme_* name that is not a known marker is an error, not a value.

@enzyme_foo = external global i32
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x) {
entry:
  %r = fmul double %x, %x
  ret double %r
}

define double @caller(double %x, double %dx) {
entry:
  %m = load i32, ptr @enzyme_foo
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %m, double %x, double %dx)
  ret double %t
}

; CHECK: swad-opt: error:
; CHECK-SAME: unknown activity marker 'enzyme_foo'
