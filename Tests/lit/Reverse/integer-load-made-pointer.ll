; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; An integer loaded without an alias tag and made a pointer (`inttoptr`: Swift loads an optional
; class reference, a linked list's `next: Node?`, as an i64) carries the shadow's address: the
; forward sweep loads the shadow integer beside it and makes the shadow pointer of it, so the
; adjoint of the next node's value reaches its shadow. Before, the integer had no shadow and the
; derivative through the pointer was 0 without a word. Also when the integer reaches `inttoptr` only
; through a loop's phi (walking a list): before, the shadow came round the loop as null.

%Node = type { double, i64 }

define double @second_value(ptr %node) {
  %next.field = getelementptr inbounds %Node, ptr %node, i32 0, i32 1
  %bits = load i64, ptr %next.field, align 8
  %next = inttoptr i64 %bits to ptr
  %v = load double, ptr %next, align 8
  %w = load double, ptr %node, align 8
  %r = fmul double %v, %w
  ret double %r
}

; A list walked in a loop: the loaded integer reaches `inttoptr` through the loop's phi only.
define double @walk(ptr %node, i64 %steps) {
entry:
  %start = ptrtoint ptr %node to i64
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %curbits = phi i64 [ %start, %entry ], [ %bits, %loop ]
  %sum = phi double [ 0.0, %entry ], [ %sum.next, %loop ]
  %cur = inttoptr i64 %curbits to ptr
  %v = load double, ptr %cur, align 8
  %sum.next = fadd double %sum, %v
  %field = getelementptr inbounds %Node, ptr %cur, i32 0, i32 1
  %bits = load i64, ptr %field, align 8
  %i.next = add nuw nsw i64 %i, 1
  %done = icmp eq i64 %i.next, %steps
  br i1 %done, label %exit, label %loop

exit:
  ret double %sum.next
}

declare void @__enzyme_autodiff(ptr, ...)
@enzyme_const = external global i32

define void @gradient(ptr %node, ptr %dnode) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @second_value, ptr %node, ptr %dnode)
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @walk, ptr %node, ptr %dnode, i32 %c, i64 3)
  ret void
}

; CHECK-LABEL: define internal {{.*}}@augmented_second_value(
; CHECK:         %bits = load i64, ptr %next.field
; CHECK-NEXT:    %"'bits" = load i64, ptr %"'next.field"
; CHECK-NEXT:    %next = inttoptr i64 %bits to ptr
; CHECK-NEXT:    %"'next" = inttoptr i64 %"'bits" to ptr
; The reverse sweep takes both shadows (of the node and of the next one), both values, and the next
; node's address: memory may hold a constant node's own word as its shadow (ConstantShadows), so the
; adjoint is added through the shadow only where it is not the primal.
; CHECK:         %shadow.is.primal = icmp eq ptr %"'next", %next
; CHECK-LABEL: define internal {{.*}}@diffe_reverse_second_value(
; CHECK:         call ptr @swad.tape.pop(ptr %tape, i64 40)

; The next node's shadow comes round the loop with it, not as null.
; CHECK-LABEL: define internal {{.*}}@augmented_walk(
; CHECK:         %"'curbits" = phi i64 [ %"'start", %entry ], [ %"'bits", %{{[.a-z0-9]+}} ]
; CHECK:         %bits = load i64, ptr %field
; CHECK-NEXT:    %"'bits" = load i64, ptr %"'field"
