; An untagged 64-bit integer load from storage whose doubles the function reaches through other
; pointers (Activity/FloatBits.swift): the `long` of the `std::pair<double, long>` that
; `priority_queue::top` copies, from the heap's first element, while the heap's last element is read
; from its end. Positions cannot tell it from a double's bits, so it was refused ("floating-point
; memory is loaded as an integer"); it is stored, through a merge, only into the `long` field of a
; pair (the struct-path alias tag `!{pair, long, 8}`), which says it is an integer. Stored into a
; scalar `long` (a tag without a record), it is still refused.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; RUN: sed 's/store i64 %index, ptr %field.at, align 8, !tbaa !5/store i64 %index, ptr %field.at, align 8, !tbaa !7/' %s | not %swad-opt - --pre-passes '' -O0 -o /dev/null 2>&1 | FileCheck %s --check-prefix=REFUSED

; CHECK-LABEL: define internal void @diffe_reverse_top(
; REFUSED: error: in function 'top': floating-point memory is loaded as an integer here

declare double @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32
@enzyme_const = external global i32

; The first pair's long is moved into the last slot (or the spare when the heap has one element);
; the result is the first double plus the last one.
define double @top(ptr %begin, ptr %end, ptr %spare) {
entry:
  %first = load double, ptr %begin, align 8, !tbaa !3
  %second.of.first = getelementptr inbounds i8, ptr %begin, i64 8
  %moved = load i64, ptr %second.of.first, align 8
  %last = getelementptr inbounds i8, ptr %end, i64 -16
  %last.value = load double, ptr %last, align 8, !tbaa !3
  %one = icmp eq ptr %last, %begin
  br i1 %one, label %alone, label %many
alone:
  br label %store
many:
  br label %store
store:
  %index = phi i64 [ %moved, %alone ], [ %moved, %many ]
  %place = phi ptr [ %spare, %alone ], [ %last, %many ]
  %field.at = getelementptr inbounds i8, ptr %place, i64 8
  store i64 %index, ptr %field.at, align 8, !tbaa !5
  %r = fadd double %first, %last.value
  ret double %r
}

define void @df(ptr %begin, ptr %dbegin, ptr %end, ptr %spare) {
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @top, ptr @enzyme_dup, ptr %begin, ptr %dbegin, ptr @enzyme_const, ptr %end, ptr @enzyme_const, ptr %spare)
  ret void
}

!0 = !{!"Simple C++ TBAA"}
!1 = !{!"omnipotent char", !0, i64 0}
!2 = !{!"double", !1, i64 0}
!3 = !{!4, !2, i64 0}
!4 = !{!"_ZTSSt4pairIdlE", !2, i64 0, !6, i64 8}
!5 = !{!4, !6, i64 8}
!6 = !{!"long", !1, i64 0}
!7 = !{!6, !6, i64 0}
