; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; enzyme_dup on a scalar double is meaningless in reverse mode (the adjoint of a scalar cannot be
; accumulated into a value passed by copy): an error that says to use enzyme_out or enzyme_const.
@enzyme_dup = external global i32
declare double @__enzyme_autodiff(ptr, ...)

define double @f(double %x) {
entry:
  %r = fmul double %x, %x
  ret double %r
}

define double @caller(double %x, double %dx) {
entry:
  %d = load i32, ptr @enzyme_dup
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, double %x, double %dx)
  ret double %g
}

; CHECK: swad-opt: error: in function 'caller':
; CHECK-SAME: argument 1 of 'f' has type double and is marked enzyme_dup
; CHECK-SAME: enzyme_out
; CHECK-SAME: enzyme_const
