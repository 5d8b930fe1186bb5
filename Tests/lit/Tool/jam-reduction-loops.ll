; RUN: %swad-opt %s --remarks -S -o %t.ll 2>%t.remarks
; RUN: FileCheck %s --check-prefix=REMARKS --implicit-check-not="side by side" --implicit-check-not="left as it is" --implicit-check-not=warning < %t.remarks
; RUN: FileCheck %s --check-prefix=OUT --implicit-check-not=swad.jam --implicit-check-not=unroll_and_jam.count < %t.ll
; RUN: %swad-opt %s --passes 'default<O0>' -S -o - 2>/dev/null | FileCheck %s --check-prefix=SHAPE
; RUN: %swad-opt %s -O0 --remarks -o /dev/null 2>&1 | FileCheck %s --check-prefix=O0 --implicit-check-not="side by side"
;
; Loop nests of derivatives whose inner loop sums in order (the fmuladd chain of a matrix-vector
; product) run eight outer iterations side by side (ReductionLoopJamming): in the reverse sweep's
; forward part and in forward mode, where y cannot be x (noalias). Every loop carries
; llvm.loop.unroll.disable, as clang's -fno-unroll-loops puts it: that hint is about the primal's
; loop and does not stop the derivative's jam.
;  - @rows_few: four rows, jammed whole (the outer loop is gone; the remark says 4).
;  - @rows_libm_tanh: tanh after the inner loop, declared as clang declares it without
;    -fno-math-errno (it writes errno); jammed, the calls keep their order. Marked memory(none)
;    only while LLVM's pass runs: no call keeps the mark.
;  - Left as they are, with a remark saying why: @rows_may_alias (the store to y[i] may change W,
;    so the gradient caches W row by row: a call that may grow the tape in the forward nest, a
;    row of the tape whose address is loaded in the reverse one; no run-time test can help) and
;    @rows_errno (exp, which writes errno, before the inner loop and tanh
;    after it: jamming would run eight exps before the first tanh).
;  - Not candidates, no remark: @rows_reassoc (the vectorizers take a sum that may be reordered),
;    @rows_no_jam (the user's unroll_and_jam.disable), @rows_unroll_count (a forced unroll).
; Marks LLVM's pass did not act on are removed: no warning, no swad.jam, no request left.
;
; REMARKS: remark: the gradient of rows: the loop nest whose inner loop sums in order runs 8 outer iterations side by side
; REMARKS: remark: the gradient of rows: the loop nest whose inner loop adds to the same elements in every outer iteration runs 8 outer iterations side by side when a test before it finds that the memory it writes overlaps nothing else it reaches
; REMARKS: remark: the derivative of rows: the loop nest whose inner loop sums in order runs 8 outer iterations side by side
; REMARKS: remark: the gradient of rows_few: the loop nest whose inner loop sums in order runs 4 outer iterations side by side
; REMARKS: remark: the gradient of rows_few: the loop nest whose inner loop adds to the same elements {{.*}} runs 4 outer iterations side by side when a test {{.*}}
; REMARKS: remark: the gradient of rows_libm_tanh: the loop nest whose inner loop sums in order runs 8 outer iterations side by side
; REMARKS: remark: the gradient of rows_libm_tanh: the loop nest whose inner loop adds to the same elements {{.*}} runs 8 outer iterations side by side when a test {{.*}}
; REMARKS: remark: the gradient of rows_may_alias: the loop nest whose inner loop sums in order is left as it is: LLVM's unroll-and-jam found it not legal (a store a later outer iteration may read, or a call that may write memory); no run-time test: the loop calls swad.tape.grow, which may access memory
; REMARKS: remark: the gradient of rows_may_alias: the loop nest whose inner loop adds to the same elements in every outer iteration is left as it is: {{.*}}; no run-time test: an address the loop accesses is not an affine function of its iterations
; REMARKS: remark: the gradient of rows_errno: the loop nest whose inner loop sums in order is left as it is: {{.*}}
; REMARKS: remark: the gradient of rows_errno: the loop nest whose inner loop adds to the same elements {{.*}} runs 8 outer iterations side by side when a test {{.*}}
;
; The reverse sweeps' own loop nests (dx[j] += W[i][j] * ds[i]) are AD's loops, not the user's: the
; hints on the primal's loops do not reach them.
; REMARKS: remark: the gradient of rows_reassoc: the loop nest whose inner loop adds to the same elements {{.*}} runs 8 outer iterations side by side when a test {{.*}}
; REMARKS: remark: the gradient of rows_no_jam: the loop nest whose inner loop adds to the same elements {{.*}} runs 8 outer iterations side by side when a test {{.*}}
; REMARKS: remark: the gradient of rows_unroll_count: the loop nest whose inner loop adds to the same elements {{.*}} runs 8 outer iterations side by side when a test {{.*}}
;
; The marks are gone, the user's hint is not:
; OUT-NOT: call double @tanh({{.*}}) #
; OUT: !"llvm.loop.unroll_and_jam.disable"
;
; Eight rows' sums in one inner loop, in the gradient's forward sweep and in forward mode (at
; default<O0>, which leaves the derivatives as the stages made them):
; SHAPE-LABEL: define internal void @differows(
; SHAPE: {{^}}column{{.*}}:
; SHAPE-COUNT-8: call double @llvm.fmuladd.f64(double %w
; SHAPE: br i1
; SHAPE-LABEL: define internal void @fwddifferows(
; SHAPE: {{^}}column{{.*}}:
; SHAPE-COUNT-8: call double @llvm.fmuladd.f64(double %w
; SHAPE: br i1
; SHAPE-LABEL: define internal void @differows_few(
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
declare double @tanh(double) #0
declare double @exp(double) #0

attributes #0 = { nounwind willreturn memory(errnomem: write) }

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

define void @rows_few(ptr noalias %x, ptr noalias %y) {
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
  br i1 %j.done, label %row.end, label %column, !llvm.loop !5

row.end:
  %t = call double @llvm.tanh.f64(double %s.next)
  %y.i = getelementptr inbounds double, ptr %y, i64 %i
  store double %t, ptr %y.i, align 8
  %i.next = add nuw nsw i64 %i, 1
  %i.done = icmp eq i64 %i.next, 4
  br i1 %i.done, label %exit, label %row, !llvm.loop !6

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
  br i1 %j.done, label %row.end, label %column, !llvm.loop !7

row.end:
  %t = call double @tanh(double %s.next)
  %y.i = getelementptr inbounds double, ptr %y, i64 %i
  store double %t, ptr %y.i, align 8
  %i.next = add nuw nsw i64 %i, 1
  %i.done = icmp eq i64 %i.next, 64
  br i1 %i.done, label %exit, label %row, !llvm.loop !8

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

define void @rows_errno(ptr noalias %x, ptr noalias %y) {
entry:
  br label %row

row:
  %i = phi i64 [ 0, %entry ], [ %i.next, %row.end ]
  %b.i = getelementptr inbounds [64 x double], ptr @b, i64 0, i64 %i
  %b.v = load double, ptr %b.i, align 8
  %s0 = call double @exp(double %b.v)
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
  br i1 %j.done, label %row.end, label %column, !llvm.loop !11

row.end:
  %t = call double @tanh(double %s.next)
  %y.i = getelementptr inbounds double, ptr %y, i64 %i
  store double %t, ptr %y.i, align 8
  %i.next = add nuw nsw i64 %i, 1
  %i.done = icmp eq i64 %i.next, 64
  br i1 %i.done, label %exit, label %row, !llvm.loop !12

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
  br i1 %j.done, label %row.end, label %column, !llvm.loop !13

row.end:
  %t = call double @llvm.tanh.f64(double %s.next)
  %y.i = getelementptr inbounds double, ptr %y, i64 %i
  store double %t, ptr %y.i, align 8
  %i.next = add nuw nsw i64 %i, 1
  %i.done = icmp eq i64 %i.next, 64
  br i1 %i.done, label %exit, label %row, !llvm.loop !14

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
  br i1 %j.done, label %row.end, label %column, !llvm.loop !15

row.end:
  %t = call double @llvm.tanh.f64(double %s.next)
  %y.i = getelementptr inbounds double, ptr %y, i64 %i
  store double %t, ptr %y.i, align 8
  %i.next = add nuw nsw i64 %i, 1
  %i.done = icmp eq i64 %i.next, 64
  br i1 %i.done, label %exit, label %row, !llvm.loop !16

exit:
  ret void
}

define void @rows_unroll_count(ptr noalias %x, ptr noalias %y) {
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
  br i1 %j.done, label %row.end, label %column, !llvm.loop !17

row.end:
  %t = call double @llvm.tanh.f64(double %s.next)
  %y.i = getelementptr inbounds double, ptr %y, i64 %i
  store double %t, ptr %y.i, align 8
  %i.next = add nuw nsw i64 %i, 1
  %i.done = icmp eq i64 %i.next, 64
  br i1 %i.done, label %exit, label %row, !llvm.loop !18

exit:
  ret void
}

define void @gradients(ptr %x, ptr %dx, ptr %y, ptr %dy) {
  %dup = load i32, ptr @enzyme_dup
  %dupnoneed = load i32, ptr @enzyme_dupnoneed
  call void (ptr, ...) @__enzyme_autodiff(ptr @rows, i32 %dup, ptr %x, ptr %dx, i32 %dupnoneed, ptr %y, ptr %dy)
  call void (ptr, ...) @__enzyme_fwddiff(ptr @rows, i32 %dup, ptr %x, ptr %dx, i32 %dup, ptr %y, ptr %dy)
  call void (ptr, ...) @__enzyme_autodiff(ptr @rows_few, i32 %dup, ptr %x, ptr %dx, i32 %dupnoneed, ptr %y, ptr %dy)
  call void (ptr, ...) @__enzyme_autodiff(ptr @rows_libm_tanh, i32 %dup, ptr %x, ptr %dx, i32 %dupnoneed, ptr %y, ptr %dy)
  call void (ptr, ...) @__enzyme_autodiff(ptr @rows_may_alias, i32 %dup, ptr %x, ptr %dx, i32 %dupnoneed, ptr %y, ptr %dy)
  call void (ptr, ...) @__enzyme_autodiff(ptr @rows_errno, i32 %dup, ptr %x, ptr %dx, i32 %dupnoneed, ptr %y, ptr %dy)
  call void (ptr, ...) @__enzyme_autodiff(ptr @rows_reassoc, i32 %dup, ptr %x, ptr %dx, i32 %dupnoneed, ptr %y, ptr %dy)
  call void (ptr, ...) @__enzyme_autodiff(ptr @rows_no_jam, i32 %dup, ptr %x, ptr %dx, i32 %dupnoneed, ptr %y, ptr %dy)
  call void (ptr, ...) @__enzyme_autodiff(ptr @rows_unroll_count, i32 %dup, ptr %x, ptr %dx, i32 %dupnoneed, ptr %y, ptr %dy)
  ret void
}

!0 = !{!"llvm.loop.unroll.disable"}
!1 = !{!"llvm.loop.unroll_and_jam.disable"}
!2 = !{!"llvm.loop.unroll.count", i32 2}
!3 = distinct !{!3, !0}
!4 = distinct !{!4, !0}
!5 = distinct !{!5, !0}
!6 = distinct !{!6, !0}
!7 = distinct !{!7, !0}
!8 = distinct !{!8, !0}
!9 = distinct !{!9, !0}
!10 = distinct !{!10, !0}
!11 = distinct !{!11, !0}
!12 = distinct !{!12, !0}
!13 = distinct !{!13, !0}
!14 = distinct !{!14, !0}
!15 = distinct !{!15, !0}
!16 = distinct !{!16, !0, !1}
!17 = distinct !{!17, !0}
!18 = distinct !{!18, !0, !2}
