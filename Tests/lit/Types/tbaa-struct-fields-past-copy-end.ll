; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; SROA cuts the copy of a `{char c; double w; int k}` record into pieces and shifts its type tag: the
; 15 bytes after `c` are tagged with `w` at 7 and `k` at 15, past the piece's end. The tag was
; refused for it, and the piece fell to guesses that moved the wrong bytes back (a std::sort by key
; of such records, silently wrong). Fields past the end are not copied and are left out: the piece
; moves back one double at byte 7.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define internal void @move(ptr %to, ptr %from) noinline {
entry:
  %from.tail = getelementptr inbounds i8, ptr %from, i64 1
  %to.tail = getelementptr inbounds i8, ptr %to, i64 1
  call void @llvm.memcpy.p0.p0.i64(ptr align 1 %to.tail, ptr align 1 %from.tail, i64 15, i1 false), !tbaa.struct !0
  ret void
}

define double @f(ptr %a, ptr %b) {
entry:
  call void @move(ptr %b, ptr %a)
  %w.at = getelementptr inbounds i8, ptr %b, i64 8
  %w = load double, ptr %w.at, align 8
  ret double %w
}

define void @caller(ptr %a, ptr %da, ptr %b, ptr %db) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %a, ptr %da, ptr %b, ptr %db)
  ret void
}

!0 = !{i64 7, i64 8, !1, i64 15, i64 4, !5}
!1 = !{!2, !2, i64 0}
!2 = !{!"double", !3, i64 0}
!3 = !{!"omnipotent char", !4, i64 0}
!4 = !{!"Simple C++ TBAA"}
!5 = !{!6, !6, i64 0}
!6 = !{!"int", !3, i64 0}

; CHECK-LABEL: define internal void @diffe_reverse_move(
; CHECK: memcpy.adjoint:
; CHECK-NOT: memcpy.adjoint.done:
; CHECK: mul i64 {{%[0-9]+}}, 15
; CHECK-NOT: memcpy.adjoint.done:
; CHECK: add i64 {{%[0-9]+}}, 7
; CHECK-NOT: memcpy.adjoint.done:
; CHECK: load double
; CHECK: memcpy.adjoint.done:
