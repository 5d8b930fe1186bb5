; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; A counter stepping by the most negative i64, whose magnitude does not fit an Int64: swad-opt
; trapped computing abs(step) when deciding how the loop keeps its records. Now the loop keeps them
; pushed (the step is not ±1) and the gradient is made.
declare double @__enzyme_autodiff(ptr, ...)
@enzyme_const = external global i32

define double @f(double %x, i64 %n) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi double [ %x, %entry ], [ %acc.next, %loop ]
  %acc.next = fmul double %acc, %x
  %i.next = add i64 %i, -9223372036854775808
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret double %acc.next
}

define double @caller(double %x, i64 %n) {
entry:
  %c = load i32, ptr @enzyme_const
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, i32 %c, i64 %n)
  ret double %g
}

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: {{^}}loop:
; CHECK: call ptr @swad.tape.reserve(ptr %tape, i64 8)
; CHECK: store double %acc
; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; CHECK: ret { double }
