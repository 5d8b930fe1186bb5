; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; An `if` without `else` in a counted loop: the merge block has two predecessors, and its reverse
; must know which one control came from. The branch that decided it (`%odd`, from the counter) can be
; recomputed in the reverse sweep from the counter, so no predecessor pushes its index: the
; reverse of the merge recomputes the condition and branches on it (`Gradient+DecidedMerges`).
; A branch on a loaded value cannot be recomputed without the tape; its merge still reads the
; index (@with_loaded_condition). A predecessor that pushes its index for another successor's sake
; (%stack, for %done) still has it popped on the decided edge (@index_for_another_successor).
declare double @__enzyme_autodiff(ptr, ...)
@enzyme_const = external global i32

define double @odd_terms(double %x, i64 %n) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %merge ]
  %acc = phi double [ 1.0, %entry ], [ %acc.merged, %merge ]
  %bit = and i64 %i, 1
  %odd = icmp ne i64 %bit, 0
  br i1 %odd, label %then, label %merge

then:
  %acc.times = fmul double %acc, %x
  br label %merge

merge:
  %acc.merged = phi double [ %acc.times, %then ], [ %acc, %loop ]
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret double %acc.merged
}

define double @with_loaded_condition(double %x, ptr %flags, i64 %n) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %merge ]
  %acc = phi double [ 1.0, %entry ], [ %acc.merged, %merge ]
  %p = getelementptr i8, ptr %flags, i64 %i
  %flag = load i8, ptr %p
  %set = icmp ne i8 %flag, 0
  br i1 %set, label %then, label %merge

then:
  %acc.times = fmul double %acc, %x
  br label %merge

merge:
  %acc.merged = phi double [ %acc.times, %then ], [ %acc, %loop ]
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret double %acc.merged
}

define double @index_for_another_successor(double %x, i64 %n) {
entry:
  %small = icmp ult i64 %n, 10
  br i1 %small, label %stack, label %heap

heap:
  br label %merge

stack:
  %empty = icmp eq i64 %n, 0
  br i1 %empty, label %done, label %merge

merge:
  %square = fmul double %x, %x
  br label %done

done:
  %result = phi double [ %x, %stack ], [ %square, %merge ]
  ret double %result
}

define double @caller(double %x, i64 %n, ptr %flags) {
entry:
  %c = load i32, ptr @enzyme_const
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @odd_terms, double %x, i32 %c, i64 %n)
  %h = call double (ptr, ...) @__enzyme_autodiff(ptr @with_loaded_condition, double %x, i32 %c, ptr %flags, i32 %c, i64 %n)
  %k = call double (ptr, ...) @__enzyme_autodiff(ptr @index_for_another_successor, double %x, i32 %c, i64 %n)
  %s = fadd double %g, %h
  %t = fadd double %s, %k
  ret double %t
}

; CHECK-LABEL: define internal double @augmented_odd_terms(
; CHECK: {{^}}loop:
; CHECK-NOT: store i64 {{[0-9]+}}, ptr
; CHECK: br i1 %odd, label %then, label %merge
; CHECK: {{^}}then:
; CHECK-NOT: store i64 {{[0-9]+}}, ptr
; CHECK: br label %merge

; CHECK-LABEL: define internal { double } @diffe_reverse_odd_terms(
; CHECK: {{^}}rev.merge.body:
; CHECK-NOT: @swad.tape.pop
; CHECK: [[BIT:%.*]] = and i64 [[I:%.*]], 1
; CHECK: [[ODD:%.*]] = icmp ne i64 [[BIT]], 0
; CHECK: br i1 [[ODD]], label %rev.merge.from.then, label %rev.merge.from.loop

; CHECK-LABEL: define internal double @augmented_with_loaded_condition(
; CHECK: {{^}}loop:
; CHECK: store i64 {{[0-9]+}}, ptr
; CHECK: br i1 %set, label %then, label %merge

; CHECK-LABEL: define internal { double } @diffe_reverse_with_loaded_condition(
; CHECK: {{^}}rev.merge.body:
; CHECK: call ptr @swad.tape.pop(ptr %tape, i64 8)
; CHECK: switch i64

; CHECK-LABEL: define internal double @augmented_index_for_another_successor(
; CHECK: {{^}}stack:
; CHECK: call ptr @swad.tape.reserve(ptr %tape, i64 8)
; CHECK: {{^}}heap:
; CHECK-NOT: @swad.tape.reserve
; CHECK: {{^}}merge:
; CHECK: call ptr @swad.tape.reserve(ptr %tape, i64 8)

; CHECK-LABEL: define internal { double } @diffe_reverse_index_for_another_successor(
; CHECK: {{^}}rev.merge.body:
; CHECK: br i1 {{%.*}}, label %rev.merge.from.stack, label %rev.merge.from.heap
; CHECK: {{^}}rev.merge.from.stack:
; CHECK-NEXT: call ptr @swad.tape.pop(ptr %tape, i64 8)
; CHECK: {{^}}rev.merge.from.heap:
; CHECK-NOT: @swad.tape.pop
; CHECK: br label %rev.heap
