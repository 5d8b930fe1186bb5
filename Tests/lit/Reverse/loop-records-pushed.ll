; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; A loop whose trip count the forward sweep cannot know before it runs (the exit test is `i < n`,
; signed, not an equality) still keeps its per-iteration values as an array: the forward sweep
; pushes each iteration's record (which lays them out one element per iteration), and the reverse
; sweep pops them all in one piece where it enters the loop and reads them by iteration.
declare double @__enzyme_autodiff(ptr, ...)
@enzyme_const = external global i32

define double @power(double %x, i32 %n) {
entry:
  br label %loop

loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi double [ 1.0, %entry ], [ %acc.next, %loop ]
  %acc.next = fmul double %acc, %x
  %i.next = add nsw i32 %i, 1
  %more = icmp slt i32 %i.next, %n
  br i1 %more, label %loop, label %exit

exit:
  ret double %acc.next
}

define double @caller(double %x, i32 %n) {
entry:
  %c = load i32, ptr @enzyme_const
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @power, double %x, i32 %c, i32 %n)
  ret double %g
}

; CHECK-LABEL: define internal double @augmented_power(
; CHECK-SAME: double [[X:%.*]], i32 [[N:%.*]], ptr [[TAPE:%.*]])
; CHECK: {{^}}loop:
; CHECK: [[ACC:%.*]] = phi double [ 1.000000e+00, %entry ], [ [[NEXT:%.*]], %loop ]
; CHECK: [[REC:%.*]] = call ptr @swad.tape.reserve(ptr [[TAPE]], i64 8)
; CHECK: store double [[ACC]], ptr [[REC]]
; CHECK: br i1 {{%.*}}, label %loop, label %exit

; CHECK-LABEL: define internal { double } @diffe_reverse_power(
; CHECK-SAME: ptr [[TAPE:%.*]], double [[DRET:%.*]], double [[X:%.*]], i32 [[N:%.*]])
; CHECK: [[ONCE:%.*]] = call ptr @swad.tape.pop(ptr [[TAPE]], i64 8)
; CHECK: [[LAST:%.*]] = load i32, ptr [[ONCE]]
; CHECK: {{^}}rev.exit.enter.loop:
; CHECK: [[WIDE:%.*]] = zext i32 [[LAST]] to i64
; CHECK: [[COUNT:%.*]] = add i64 [[WIDE]], 1
; CHECK: [[BYTES:%.*]] = mul i64 [[COUNT]], 8
; CHECK: [[ARRAY:%.*]] = call ptr @swad.tape.pop(ptr [[TAPE]], i64 [[BYTES]])
; CHECK: {{^}}rev.loop:
; CHECK: [[I:%.*]] = phi i32 [ [[LAST]], {{.*}} ], [ {{%.*}}, %rev.loop.back ]
; CHECK-NOT: @swad.tape.pop
; CHECK: [[K:%.*]] = zext i32 [[I]] to i64
; CHECK: [[OFFSET:%.*]] = mul i64 [[K]], 8
; CHECK: [[ELEMENT:%.*]] = getelementptr i8, ptr [[ARRAY]], i64 [[OFFSET]]
; CHECK: load double, ptr [[ELEMENT]]
; CHECK: {{^}}exit:
