; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S --remarks 2>%t.remarks | FileCheck %s
; RUN: FileCheck %s --check-prefix=REMARK < %t.remarks
; A counted loop whose only record is pushed by a block that some iterations skip (the `then` of an
; `if` on the counter, which the reverse sweep decides again without the tape) keeps its records as
; an array reserved before the loop: the block stores iteration k's record at element k, its
; reverse reads element k, and the elements of skipped iterations are neither written nor read.
declare double @__enzyme_autodiff(ptr, ...)
@enzyme_const = external global i32

define double @product_of_even_elements(ptr %v, i64 %n, double %x) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %latch ]
  %acc = phi double [ 1.0, %entry ], [ %acc.merged, %latch ]
  %bit = and i64 %i, 1
  %even = icmp eq i64 %bit, 0
  br i1 %even, label %then, label %latch

then:
  %p = getelementptr double, ptr %v, i64 %i
  %y = load double, ptr %p
  %xy = fmul double %x, %y
  %acc.times = fmul double %acc, %xy
  br label %latch

latch:
  %acc.merged = phi double [ %acc.times, %then ], [ %acc, %loop ]
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret double %acc.merged
}

define double @caller(ptr %v, i64 %n, double %x) {
entry:
  %c = load i32, ptr @enzyme_const
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @product_of_even_elements, i32 %c, ptr %v, i32 %c, i64 %n, double %x)
  ret double %g
}

; %xy is redone from %x and %y (read again); %acc is kept.
; REMARK: the tape keeps 8 bytes each time block %then runs (in a loop of depth 1: per iteration, an array indexed by the iteration, a column per value, reserved before the loop): %acc (phi){{$}}

; CHECK-LABEL: define internal double @augmented_product_of_even_elements(
; CHECK: {{^}}entry:
; CHECK-NEXT: [[BYTES:%.*]] = mul i64 %n, 8
; CHECK-NEXT: [[ARRAY:%.*]] = call ptr @swad.tape.reserve(ptr %tape, i64 [[BYTES]])
; CHECK: {{^}}then:
; CHECK-NOT: @swad.tape.reserve
; CHECK: [[OFFSET:%.*]] = mul i64 %i, 8
; CHECK-NEXT: [[ELEMENT:%.*]] = getelementptr i8, ptr [[ARRAY]], i64 [[OFFSET]]
; CHECK-NEXT: store double %acc, ptr [[ELEMENT]]
; CHECK: {{^}}latch:
; CHECK-NOT: @swad.tape.reserve
; CHECK: ret double

; CHECK-LABEL: define internal { double } @diffe_reverse_product_of_even_elements(
; CHECK: [[POPPED:%.*]] = call ptr @swad.tape.pop(ptr %tape, i64 %{{.*}})
; CHECK: {{^}}rev.then:
; CHECK-NOT: @swad.tape.pop
; CHECK: [[OFFSET:%.*]] = mul i64 %{{.*}}, 8
; CHECK-NEXT: [[ELEMENT:%.*]] = getelementptr i8, ptr [[POPPED]], i64 [[OFFSET]]
; CHECK-NEXT: load double, ptr [[ELEMENT]]
; CHECK: ret { double }
