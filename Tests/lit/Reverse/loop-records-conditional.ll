; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; A loop whose record is pushed by a block that not every iteration runs (the `then` block of an
; `if` in the body) keeps a record per run of that block: pushed when it runs, popped when its
; reverse runs, the merge block's reverse telling from the tape which way control came.
declare double @__enzyme_autodiff(ptr, ...)
@enzyme_const = external global i32

define double @product_of_positives(ptr %v, i64 %n, double %x) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %latch ]
  %acc = phi double [ 1.0, %entry ], [ %acc.merged, %latch ]
  %p = getelementptr double, ptr %v, i64 %i
  %y = load double, ptr %p
  %positive = fcmp ogt double %y, 0.0
  br i1 %positive, label %then, label %latch

then:
  %acc.times = fmul double %acc, %x
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
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @product_of_positives, i32 %c, ptr %v, i32 %c, i64 %n, double %x)
  ret double %g
}

; CHECK-LABEL: define internal double @augmented_product_of_positives(
; CHECK: {{^}}loop:
; CHECK: call ptr @swad.tape.reserve(ptr %tape, i64 8)
; CHECK: {{^}}then:
; CHECK: [[REC:%.*]] = call ptr @swad.tape.reserve(ptr %tape, i64 16)
; CHECK: store double %acc, ptr [[REC]]

; CHECK-LABEL: define internal { double } @diffe_reverse_product_of_positives(
; CHECK: {{^}}rev.latch.body:
; CHECK: call ptr @swad.tape.pop(ptr %tape, i64 8)
; CHECK: {{^}}rev.then:
; CHECK: [[REC:%.*]] = call ptr @swad.tape.pop(ptr %tape, i64 8)
; CHECK: load double, ptr [[REC]]
