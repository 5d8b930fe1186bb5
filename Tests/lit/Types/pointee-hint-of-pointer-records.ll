; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A helper, not inlined, moves a container's `{ptr, ptr, i32}` records into new storage (a growing
; std::vector of records holding two std::unique_ptr), each pointer as an `i64`, and nulls the
; first pointer of the old record, the only pointer access to the records it sees. The second
; `i64` was a copy of unknown bytes: its shadow stayed in the old storage, and the reverse sweep
; followed the new record's null shadow (a crash). The caller reads both pointers through the
; records it loads from the container: that pointee hint, folded to the loop's 24-byte step, says
; the second copy moves a pointer too, and its shadow moves with it.

declare double @__enzyme_autodiff(ptr, ...)
declare ptr @malloc(i64)

define internal void @grow(ptr %vec, i64 %n) noinline {
entry:
  %old = load ptr, ptr %vec, align 8
  %bytes = mul i64 %n, 48
  %new = call ptr @malloc(i64 %bytes)
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %from = phi ptr [ %old, %entry ], [ %from.next, %loop ]
  %to = phi ptr [ %new, %entry ], [ %to.next, %loop ]
  %first = load i64, ptr %from, align 8
  store i64 %first, ptr %to, align 8
  store ptr null, ptr %from, align 8
  %from.1 = getelementptr inbounds i8, ptr %from, i64 8
  %to.1 = getelementptr inbounds i8, ptr %to, i64 8
  %second = load i64, ptr %from.1, align 8
  store i64 %second, ptr %to.1, align 8
  %from.2 = getelementptr inbounds i8, ptr %from, i64 16
  %to.2 = getelementptr inbounds i8, ptr %to, i64 16
  %width = load i32, ptr %from.2, align 8
  store i32 %width, ptr %to.2, align 8
  %from.next = getelementptr inbounds i8, ptr %from, i64 24
  %to.next = getelementptr inbounds i8, ptr %to, i64 24
  %i.next = add i64 %i, 1
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %loop, label %done

done:
  store ptr %new, ptr %vec, align 8
  ret void
}

define double @f(ptr %p) {
entry:
  %vec = alloca ptr, align 8
  %storage = call ptr @malloc(i64 24)
  store ptr %p, ptr %storage, align 8
  %p.1 = getelementptr inbounds i8, ptr %p, i64 8
  %b.in = getelementptr inbounds i8, ptr %storage, i64 8
  store ptr %p.1, ptr %b.in, align 8
  %w.in = getelementptr inbounds i8, ptr %storage, i64 16
  store i32 1, ptr %w.in, align 8
  store ptr %storage, ptr %vec, align 8
  call void @grow(ptr %vec, i64 1)
  %begin = load ptr, ptr %vec, align 8
  %a.at = load ptr, ptr %begin, align 8
  %a = load double, ptr %a.at, align 8
  %b.at.in = getelementptr inbounds i8, ptr %begin, i64 8
  %b.at = load ptr, ptr %b.at.in, align 8
  %b = load double, ptr %b.at, align 8
  %r = fmul double %a, %b
  ret double %r
}

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp)
  ret void
}

; CHECK-LABEL: define internal void @augmented_grow(
; CHECK: loop:
; Both pointers' shadows move into the new storage's shadow.
; CHECK: %"'first" = load i64, ptr %"'from"
; CHECK: store i64 %"'first", ptr %"'to"
; CHECK: %"'second" = load i64, ptr %"'from.1"
; CHECK-NEXT: store i64 %second, ptr %to.1
; CHECK-NEXT: store i64 %"'second", ptr %"'to.1"
; CHECK: ret void
