; RUN: %swad-opt %s --pre-passes '' --passes '' -S | FileCheck %s
; Elements reached through a pointer loaded from the caller's memory (a std::vector's data, a
; struct's array field) that the function never writes: the reverse sweep loads them again instead
; of saving one per iteration on the tape. The pointer is the caller's, so what it points to
; outlives the forward sweep.

declare double @__enzyme_autodiff(ptr, ...)

define double @sum_squares(ptr %vector, i64 %n) {
entry:
  %data = load ptr, ptr %vector
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %sum = phi double [ 0.0, %entry ], [ %sum.next, %loop ]
  %at = getelementptr double, ptr %data, i64 %i
  %x = load double, ptr %at
  %square = fmul double %x, %x
  %sum.next = fadd double %sum, %square
  %next = add i64 %i, 1
  %more = icmp ult i64 %next, %n
  br i1 %more, label %loop, label %exit
exit:
  ret double %sum.next
}

; The forward sweep's loop saves nothing per iteration.
; CHECK-LABEL: define internal double @augmented_sum_squares(
; CHECK: loop:
; CHECK-NOT: @swad.tape.reserve
; CHECK: exit:

; The reverse sweep reloads the element through the reloaded data pointer.
; CHECK-LABEL: define internal void @diffe_reverse_sum_squares(
; CHECK: [[DATA:%.*]] = load ptr, ptr %vector
; CHECK: [[AT:%.*]] = getelementptr double, ptr [[DATA]], i64
; CHECK: load double, ptr [[AT]]

define void @caller(ptr %vector, ptr %shadow, i64 %n) {
  call double (ptr, ...) @__enzyme_autodiff(ptr @sum_squares, metadata !"enzyme_dup", ptr %vector, ptr %shadow, metadata !"enzyme_const", i64 %n)
  ret void
}
