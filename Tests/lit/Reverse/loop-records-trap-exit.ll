; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; A counted loop with a bounds check that traps (as Swift's array accesses do) has a second exit,
; into code that ends the program: the reverse sweep never runs after it, so the loop still keeps its
; per-iteration values as an array indexed by the iteration, a column per value, reserved before the loop
; (`Gradient+RecordArrays`), as a loop without the check does (Reverse/loop-tape.ll).
declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.trap()
@enzyme_const = external global i32

define double @checked_power(double %x, i64 %n, i64 %len) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %continue ]
  %acc = phi double [ 1.0, %entry ], [ %acc.next, %continue ]
  %inbounds = icmp ult i64 %i, %len
  br i1 %inbounds, label %continue, label %trap

continue:
  %acc.next = fmul double %acc, %x
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

trap:
  call void @llvm.trap()
  unreachable

exit:
  ret double %acc.next
}

define double @caller(double %x, i64 %n, i64 %len) {
entry:
  %c = load i32, ptr @enzyme_const
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @checked_power, double %x, i32 %c, i64 %n, i32 %c, i64 %len)
  ret double %g
}

; CHECK-LABEL: define internal double @augmented_checked_power(
; CHECK-SAME: double [[X:%.*]], i64 [[N:%.*]], i64 [[LEN:%.*]], ptr [[TAPE:%.*]])
; CHECK: [[BYTES:%.*]] = mul i64 [[N]], 8
; CHECK: [[ARRAY:%.*]] = call ptr @swad.tape.reserve(ptr [[TAPE]], i64 [[BYTES]])
; CHECK: {{^}}loop:
; CHECK-NOT: @swad.tape.reserve
; CHECK: {{^}}continue:
; CHECK-NOT: @swad.tape.reserve
; CHECK: getelementptr i8, ptr [[ARRAY]]
; CHECK: br i1 {{%.*}}, label %exit, label %loop

; CHECK-LABEL: define internal { double } @diffe_reverse_checked_power(
; CHECK: {{^}}rev.exit.enter.continue:
; CHECK: [[ARRAY:%.*]] = call ptr @swad.tape.pop(ptr %tape, i64 {{%.*}})
; CHECK: {{^}}rev.continue:
; CHECK-NOT: @swad.tape.pop
; CHECK: getelementptr i8, ptr [[ARRAY]]
