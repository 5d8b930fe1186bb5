; A module that asks for no derivative is simply optimized, as opt would: here the helper is inlined
; and removed, the loop is folded to its closed form, and no derivative function appears.
; RUN: %swad-opt %s -S | FileCheck %s

; CHECK-NOT:   fwddiffe
; CHECK-LABEL: define {{.*}}i32 @sum_to(
; CHECK-NOT:     call
; CHECK-NOT:     phi
; CHECK:         ret i32
; CHECK-NOT:   define {{.*}}@helper
; CHECK-NOT:   fwddiffe

define internal i32 @helper(i32 %acc, i32 %i) {
  %r = add i32 %acc, %i
  ret i32 %r
}

define i32 @sum_to(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi i32 [ 0, %entry ], [ %acc.next, %loop ]
  %acc.next = call i32 @helper(i32 %acc, i32 %i)
  %i.next = add nuw nsw i32 %i, 1
  %done = icmp eq i32 %i.next, %n
  br i1 %done, label %exit, label %loop
exit:
  ret i32 %acc.next
}
