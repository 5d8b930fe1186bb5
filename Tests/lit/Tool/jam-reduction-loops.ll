; RUN: %swad-opt %s --remarks -S -o %t.ll 2>%t.remarks
; RUN: FileCheck %s --check-prefix=REMARKS --implicit-check-not="side by side" --implicit-check-not=warning < %t.remarks
; RUN: FileCheck %s --check-prefix=OUT --implicit-check-not=swad.jam --implicit-check-not=unroll_and_jam.count < %t.ll
; RUN: %swad-opt %s --passes 'default<O1>' -S -o - 2>/dev/null | FileCheck %s --check-prefix=SHAPE
; RUN: %swad-opt %s -O0 --remarks -o /dev/null 2>&1 | FileCheck %s --check-prefix=O0 --implicit-check-not="side by side"
;
; Loop nests of derivatives whose inner loop sums in order (the fmuladd chain of a matrix-vector
; product) run eight outer iterations side by side (ReductionLoopJamming): one each in the reverse
; sweep's forward part and in forward mode, where y cannot be x (noalias). Not where the store to
; y[i] may change what a later row reads (@rows_may_alias: LLVM's pass finds it illegal), where the
; sum may be reordered (@rows_reassoc: the vectorizers take it), where exp may set errno
; (@rows_errno: a call that writes memory), or where the user's metadata says not to
; (@rows_no_jam). The C library's tanh sets no errno (MathErrno): @rows_libm_tanh is jammed, its
; call marked memory(none). Marks that LLVM's pass did not act on are removed: no warning, no swad.jam.
;
; REMARKS: remark: differows: 1 loop nest whose inner loop sums in order runs 8 outer iterations side by side
; REMARKS: remark: fwddifferows: 1 loop nest whose inner loop sums in order runs 8 outer iterations side by side
; REMARKS: remark: differows_libm_tanh: 1 loop nest whose inner loop sums in order runs 8 outer iterations side by side
;
; The primal's call stays as it was; the derivative's are marked.
; OUT-LABEL: define void @rows_libm_tanh(
; OUT: call double @tanh(double %s.next){{$}}
; OUT: call double @tanh({{.*}}) #[[MEMNONE:[0-9]+]]
; OUT: attributes #[[MEMNONE]] = { memory(none) }
; OUT: !"llvm.loop.unroll_and_jam.disable"
;
; Eight rows' sums in one inner loop, in the gradient's forward sweep and in forward mode (both
; inlined into @gradients at O1, which has no SLP vectorizer to fuse them):
; SHAPE-LABEL: define void @gradients(
; SHAPE: {{^}}column.i.i:
; SHAPE-COUNT-8: @llvm.fmuladd.f64(double %w
; SHAPE: {{^}}row.end.i.i:
; SHAPE: {{^}}column.i:
; SHAPE-COUNT-8: @llvm.fmuladd.f64(double %w
; SHAPE: {{^}}row.end.i:
;
; O0: synthesized differows

@W = global [64 x [64 x double]] zeroinitializer, align 16
@b = global [64 x double] zeroinitializer, align 16
@enzyme_dup = external global i32
@enzyme_dupnoneed = external global i32

declare void @__enzyme_autodiff(ptr, ...)
declare void @__enzyme_fwddiff(ptr, ...)
declare double @llvm.fmuladd.f64(double, double, double)
declare double @llvm.tanh.f64(double)
declare double @tanh(double)
declare double @exp(double)

; y[i] = tanh(b[i] + sum_j W[i][j] x[j])
define void @rows(ptr noalias %x, ptr noalias %y) {
entry:
  br label %row

row:
  %i = phi i64 [ 0, %entry ], [ %i.next, %row.end ]
  %b.i = getelementptr inbounds [64 x double], ptr @b, i64 0, i64 %i
  %s0 = load double, ptr %b.i, align 8
  br label %column

column:
  %j = phi i64 [ 0, %row ], [ %j.next, %column ]
  %s = phi double [ %s0, %row ], [ %s.next, %column ]
  %w.ij = getelementptr inbounds [64 x [64 x double]], ptr @W, i64 0, i64 %i, i64 %j
  %w = load double, ptr %w.ij, align 8
  %x.j = getelementptr inbounds double, ptr %x, i64 %j
  %xj = load double, ptr %x.j, align 8
  %s.next = call double @llvm.fmuladd.f64(double %w, double %xj, double %s)
  %j.next = add nuw nsw i64 %j, 1
  %j.done = icmp eq i64 %j.next, 64
  br i1 %j.done, label %row.end, label %column, !llvm.loop !0

row.end:
  %t = call double @llvm.tanh.f64(double %s.next)
  %y.i = getelementptr inbounds double, ptr %y, i64 %i
  store double %t, ptr %y.i, align 8
  %i.next = add nuw nsw i64 %i, 1
  %i.done = icmp eq i64 %i.next, 64
  br i1 %i.done, label %exit, label %row, !llvm.loop !2

exit:
  ret void
}

define void @rows_may_alias(ptr %x, ptr %y) {
entry:
  br label %row

row:
  %i = phi i64 [ 0, %entry ], [ %i.next, %row.end ]
  %b.i = getelementptr inbounds [64 x double], ptr @b, i64 0, i64 %i
  %s0 = load double, ptr %b.i, align 8
  br label %column

column:
  %j = phi i64 [ 0, %row ], [ %j.next, %column ]
  %s = phi double [ %s0, %row ], [ %s.next, %column ]
  %w.ij = getelementptr inbounds [64 x [64 x double]], ptr @W, i64 0, i64 %i, i64 %j
  %w = load double, ptr %w.ij, align 8
  %x.j = getelementptr inbounds double, ptr %x, i64 %j
  %xj = load double, ptr %x.j, align 8
  %s.next = call double @llvm.fmuladd.f64(double %w, double %xj, double %s)
  %j.next = add nuw nsw i64 %j, 1
  %j.done = icmp eq i64 %j.next, 64
  br i1 %j.done, label %row.end, label %column, !llvm.loop !3

row.end:
  %t = call double @llvm.tanh.f64(double %s.next)
  %y.i = getelementptr inbounds double, ptr %y, i64 %i
  store double %t, ptr %y.i, align 8
  %i.next = add nuw nsw i64 %i, 1
  %i.done = icmp eq i64 %i.next, 64
  br i1 %i.done, label %exit, label %row, !llvm.loop !4

exit:
  ret void
}

define void @rows_reassoc(ptr noalias %x, ptr noalias %y) {
entry:
  br label %row

row:
  %i = phi i64 [ 0, %entry ], [ %i.next, %row.end ]
  %b.i = getelementptr inbounds [64 x double], ptr @b, i64 0, i64 %i
  %s0 = load double, ptr %b.i, align 8
  br label %column

column:
  %j = phi i64 [ 0, %row ], [ %j.next, %column ]
  %s = phi double [ %s0, %row ], [ %s.next, %column ]
  %w.ij = getelementptr inbounds [64 x [64 x double]], ptr @W, i64 0, i64 %i, i64 %j
  %w = load double, ptr %w.ij, align 8
  %x.j = getelementptr inbounds double, ptr %x, i64 %j
  %xj = load double, ptr %x.j, align 8
  %p = fmul reassoc contract double %w, %xj
  %s.next = fadd reassoc contract double %s, %p
  %j.next = add nuw nsw i64 %j, 1
  %j.done = icmp eq i64 %j.next, 64
  br i1 %j.done, label %row.end, label %column, !llvm.loop !5

row.end:
  %t = call double @llvm.tanh.f64(double %s.next)
  %y.i = getelementptr inbounds double, ptr %y, i64 %i
  store double %t, ptr %y.i, align 8
  %i.next = add nuw nsw i64 %i, 1
  %i.done = icmp eq i64 %i.next, 64
  br i1 %i.done, label %exit, label %row, !llvm.loop !6

exit:
  ret void
}

define void @rows_errno(ptr noalias %x, ptr noalias %y) {
entry:
  br label %row

row:
  %i = phi i64 [ 0, %entry ], [ %i.next, %row.end ]
  %b.i = getelementptr inbounds [64 x double], ptr @b, i64 0, i64 %i
  %s0 = load double, ptr %b.i, align 8
  br label %column

column:
  %j = phi i64 [ 0, %row ], [ %j.next, %column ]
  %s = phi double [ %s0, %row ], [ %s.next, %column ]
  %w.ij = getelementptr inbounds [64 x [64 x double]], ptr @W, i64 0, i64 %i, i64 %j
  %w = load double, ptr %w.ij, align 8
  %x.j = getelementptr inbounds double, ptr %x, i64 %j
  %xj = load double, ptr %x.j, align 8
  %s.next = call double @llvm.fmuladd.f64(double %w, double %xj, double %s)
  %j.next = add nuw nsw i64 %j, 1
  %j.done = icmp eq i64 %j.next, 64
  br i1 %j.done, label %row.end, label %column, !llvm.loop !7

row.end:
  %t = call double @exp(double %s.next)
  %y.i = getelementptr inbounds double, ptr %y, i64 %i
  store double %t, ptr %y.i, align 8
  %i.next = add nuw nsw i64 %i, 1
  %i.done = icmp eq i64 %i.next, 64
  br i1 %i.done, label %exit, label %row, !llvm.loop !8

exit:
  ret void
}

define void @rows_libm_tanh(ptr noalias %x, ptr noalias %y) {
entry:
  br label %row

row:
  %i = phi i64 [ 0, %entry ], [ %i.next, %row.end ]
  %b.i = getelementptr inbounds [64 x double], ptr @b, i64 0, i64 %i
  %s0 = load double, ptr %b.i, align 8
  br label %column

column:
  %j = phi i64 [ 0, %row ], [ %j.next, %column ]
  %s = phi double [ %s0, %row ], [ %s.next, %column ]
  %w.ij = getelementptr inbounds [64 x [64 x double]], ptr @W, i64 0, i64 %i, i64 %j
  %w = load double, ptr %w.ij, align 8
  %x.j = getelementptr inbounds double, ptr %x, i64 %j
  %xj = load double, ptr %x.j, align 8
  %s.next = call double @llvm.fmuladd.f64(double %w, double %xj, double %s)
  %j.next = add nuw nsw i64 %j, 1
  %j.done = icmp eq i64 %j.next, 64
  br i1 %j.done, label %row.end, label %column, !llvm.loop !12

row.end:
  %t = call double @tanh(double %s.next)
  %y.i = getelementptr inbounds double, ptr %y, i64 %i
  store double %t, ptr %y.i, align 8
  %i.next = add nuw nsw i64 %i, 1
  %i.done = icmp eq i64 %i.next, 64
  br i1 %i.done, label %exit, label %row, !llvm.loop !13

exit:
  ret void
}

define void @rows_no_jam(ptr noalias %x, ptr noalias %y) {
entry:
  br label %row

row:
  %i = phi i64 [ 0, %entry ], [ %i.next, %row.end ]
  %b.i = getelementptr inbounds [64 x double], ptr @b, i64 0, i64 %i
  %s0 = load double, ptr %b.i, align 8
  br label %column

column:
  %j = phi i64 [ 0, %row ], [ %j.next, %column ]
  %s = phi double [ %s0, %row ], [ %s.next, %column ]
  %w.ij = getelementptr inbounds [64 x [64 x double]], ptr @W, i64 0, i64 %i, i64 %j
  %w = load double, ptr %w.ij, align 8
  %x.j = getelementptr inbounds double, ptr %x, i64 %j
  %xj = load double, ptr %x.j, align 8
  %s.next = call double @llvm.fmuladd.f64(double %w, double %xj, double %s)
  %j.next = add nuw nsw i64 %j, 1
  %j.done = icmp eq i64 %j.next, 64
  br i1 %j.done, label %row.end, label %column, !llvm.loop !9

row.end:
  %t = call double @llvm.tanh.f64(double %s.next)
  %y.i = getelementptr inbounds double, ptr %y, i64 %i
  store double %t, ptr %y.i, align 8
  %i.next = add nuw nsw i64 %i, 1
  %i.done = icmp eq i64 %i.next, 64
  br i1 %i.done, label %exit, label %row, !llvm.loop !10

exit:
  ret void
}

define void @gradients(ptr %x, ptr %dx, ptr %y, ptr %dy) {
  %dup = load i32, ptr @enzyme_dup
  %dupnoneed = load i32, ptr @enzyme_dupnoneed
  call void (ptr, ...) @__enzyme_autodiff(ptr @rows, i32 %dup, ptr %x, ptr %dx, i32 %dupnoneed, ptr %y, ptr %dy)
  call void (ptr, ...) @__enzyme_fwddiff(ptr @rows, i32 %dup, ptr %x, ptr %dx, i32 %dup, ptr %y, ptr %dy)
  call void (ptr, ...) @__enzyme_autodiff(ptr @rows_may_alias, i32 %dup, ptr %x, ptr %dx, i32 %dupnoneed, ptr %y, ptr %dy)
  call void (ptr, ...) @__enzyme_autodiff(ptr @rows_reassoc, i32 %dup, ptr %x, ptr %dx, i32 %dupnoneed, ptr %y, ptr %dy)
  call void (ptr, ...) @__enzyme_autodiff(ptr @rows_errno, i32 %dup, ptr %x, ptr %dx, i32 %dupnoneed, ptr %y, ptr %dy)
  call void (ptr, ...) @__enzyme_autodiff(ptr @rows_libm_tanh, i32 %dup, ptr %x, ptr %dx, i32 %dupnoneed, ptr %y, ptr %dy)
  call void (ptr, ...) @__enzyme_autodiff(ptr @rows_no_jam, i32 %dup, ptr %x, ptr %dx, i32 %dupnoneed, ptr %y, ptr %dy)
  ret void
}

!0 = distinct !{!0, !1}
!1 = !{!"llvm.loop.unroll.disable"}
!2 = distinct !{!2, !1}
!3 = distinct !{!3, !1}
!4 = distinct !{!4, !1}
!5 = distinct !{!5, !1}
!6 = distinct !{!6, !1}
!7 = distinct !{!7, !1}
!8 = distinct !{!8, !1}
!9 = distinct !{!9, !1}
!10 = distinct !{!10, !1, !11}
!11 = !{!"llvm.loop.unroll_and_jam.disable"}
!12 = distinct !{!12, !1}
!13 = distinct !{!13, !1}
