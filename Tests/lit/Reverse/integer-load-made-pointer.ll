; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; An integer loaded without an alias tag and made a pointer (`inttoptr`: Swift loads an optional
; class reference, a linked list's `next: Node?`, as an i64) carries the shadow's address: the
; forward sweep loads the shadow integer beside it and makes the shadow pointer of it, so the
; adjoint of the next node's value reaches its shadow. Before, the integer had no shadow and the
; derivative through the pointer was 0 without a word.

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

declare void @__enzyme_autodiff(ptr, ...)

define void @gradient(ptr %node, ptr %dnode) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @second_value, ptr %node, ptr %dnode)
  ret void
}

; CHECK-LABEL: define internal {{.*}}@augmented_second_value(
; CHECK:         %bits = load i64, ptr %next.field
; CHECK-NEXT:    %"'bits" = load i64, ptr %"'next.field"
; CHECK-NEXT:    %next = inttoptr i64 %bits to ptr
; CHECK-NEXT:    %"'next" = inttoptr i64 %"'bits" to ptr
; The reverse sweep takes both shadows (of the node and of the next one) and both values.
; CHECK-LABEL: define internal {{.*}}@diffe_reverse_second_value(
; CHECK:         call ptr @swad.tape.pop(ptr %tape, i64 32)
