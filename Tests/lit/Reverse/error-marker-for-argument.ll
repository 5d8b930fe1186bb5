; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; Two markers in a row (`enzyme_out, enzyme_const, y`): the second stands where the argument of the
; first is expected, which is an error naming the call argument and the parameter.

@enzyme_out = external global i32
@enzyme_const = external global i32
declare double @__enzyme_autodiff(ptr, ...)

define double @f(double %x, double %y) {
entry:
  %r = fmul double %x, %y
  ret double %r
}

define double @caller(double %x, double %y) {
entry:
  %o = load i32, ptr @enzyme_out
  %c = load i32, ptr @enzyme_const
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %o, i32 %c, double %x, double %y)
  ret double %g
}

; CHECK: swad-opt: error: in function 'caller': call argument 3 is the marker 'enzyme_const' where argument 1
; CHECK-SAME: of 'f' (double) was expected, after the marker 'enzyme_out'
