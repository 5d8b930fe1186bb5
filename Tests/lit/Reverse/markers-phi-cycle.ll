; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Removing dead marker values after the transform must terminate on phis that feed themselves:
; an unused value whose operand is a phi cycle (here a loop phi that is its own incoming value) is
; not a marker and stays; swad-opt must not recurse forever looking for a marker name through it.

declare double @__enzyme_autodiff(ptr, ...)

define double @f(double %x) {
entry:
  %r = fmul double %x, %x
  ret double %r
}

define double @caller(double %x, i1 %c) {
entry:
  br label %loop

loop:
  %p = phi i64 [ 0, %entry ], [ %p, %loop ]
  %unused = trunc i64 %p to i32
  br i1 %c, label %loop, label %exit

exit:
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %g
}

; CHECK-LABEL: define double @caller(
; CHECK: %p = phi i64 [ 0, %entry ], [ %p, %loop ]
; CHECK: call { double } @diffef(double %x)
; CHECK-NOT: __enzyme_autodiff
