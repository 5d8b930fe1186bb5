; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A `std::vector<std::tuple<char, double, int>>` grown by `emplace_back`: the helper that builds the
; new element copies the `char` byte by byte from a `char&&` into the tuple's `char` field, and the
; relocation loop moves each old element as an `int`, an `i64` tagged `double` and a byte, at
; offsets 0, 8 and 16 of a pointer stepping by 24. Both byte copies were refused as "a copy of data
; byte by byte that may be floating-point". A byte whose access is tagged as a record's `char`
; field is a character; a byte beside the doubles of its memory, on both sides of the copy, is one
; too, counting a double moved as an integer tagged `double` at both ends of its copy.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"

declare double @__enzyme_autodiff(ptr, ...)

; What `_M_realloc_insert` does: the new element built at a run-time offset in the new storage,
; then the old elements relocated before it.
define internal void @grow(ptr %to, ptr %from, ptr %end, i64 %at, ptr %c, ptr %v) noinline {
entry:
  %element = getelementptr inbounds i8, ptr %to, i64 %at
  %byte.new = load i8, ptr %c, align 1, !tbaa !4
  %c.at = getelementptr inbounds i8, ptr %element, i64 16
  store i8 %byte.new, ptr %c.at, align 8, !tbaa !7
  %value = load double, ptr %v, align 8, !tbaa !9
  %v.at = getelementptr inbounds i8, ptr %element, i64 8
  store double %value, ptr %v.at, align 8, !tbaa !9
  br label %move

move:
  %source = phi ptr [ %from, %entry ], [ %source.next, %move ]
  %target = phi ptr [ %to, %entry ], [ %target.next, %move ]
  %k = load i32, ptr %source, align 4, !tbaa !11
  store i32 %k, ptr %target, align 4, !tbaa !11
  %v.from = getelementptr inbounds i8, ptr %source, i64 8
  %v.to = getelementptr inbounds i8, ptr %target, i64 8
  %bits = load i64, ptr %v.from, align 8, !tbaa !9
  store i64 %bits, ptr %v.to, align 8, !tbaa !9
  %c.from = getelementptr inbounds i8, ptr %source, i64 16
  %c.to = getelementptr inbounds i8, ptr %target, i64 16
  %byte = load i8, ptr %c.from, align 8, !tbaa !4
  store i8 %byte, ptr %c.to, align 8, !tbaa !4
  %source.next = getelementptr inbounds i8, ptr %source, i64 24
  %target.next = getelementptr inbounds i8, ptr %target, i64 24
  %done = icmp eq ptr %source.next, %end
  br i1 %done, label %exit, label %move

exit:
  ret void
}

define double @f(ptr %old, ptr %new, ptr %x, ptr %c, i64 %n) {
entry:
  %at = mul i64 %n, 24
  %end = getelementptr inbounds i8, ptr %old, i64 %at
  call void @grow(ptr %new, ptr %old, ptr %end, i64 %at, ptr %c, ptr %x)
  %a.at = getelementptr inbounds i8, ptr %new, i64 8
  %a = load double, ptr %a.at, align 8
  %b.at = getelementptr inbounds i8, ptr %new, i64 32
  %b = load double, ptr %b.at, align 8
  %r = fmul double %a, %b
  ret double %r
}

define void @caller(ptr %old, ptr %dold, ptr %new, ptr %dnew, ptr %x, ptr %dx, ptr %c, ptr %dc, i64 %n) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %old, ptr %dold, ptr %new, ptr %dnew, ptr %x, ptr %dx, ptr %c, ptr %dc, i64 %n)
  ret void
}

!0 = !{!"Simple C++ TBAA"}
!1 = !{!"omnipotent char", !0, i64 0}
!4 = !{!1, !1, i64 0}
!5 = !{!"_ZTSSt10_Head_baseILm0EcLb0EE", !1, i64 0}
!7 = !{!5, !1, i64 0}
!8 = !{!"double", !1, i64 0}
!9 = !{!8, !8, i64 0}
!10 = !{!"int", !1, i64 0}
!11 = !{!10, !10, i64 0}

; Both bytes carry their shadow's byte along, as characters do.
; CHECK-LABEL: define internal void @augmented_grow(
; CHECK: store i8 %byte.new, ptr %c.at
; CHECK-NEXT: store i8 %"'byte.new", ptr %"'c.at"
; CHECK: move:
; CHECK: store i8 %byte, ptr %c.to
; CHECK-NEXT: store i8 %"'byte", ptr %"'c.to"
; CHECK-LABEL: define internal void @diffe_reverse_grow(
