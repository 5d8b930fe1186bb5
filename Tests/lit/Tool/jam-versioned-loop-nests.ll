; RUN: %swad-opt %s --remarks -S -o %t.ll 2>%t.remarks
; RUN: FileCheck %s --check-prefix=REMARKS --implicit-check-not="side by side" --implicit-check-not="left as it is" --implicit-check-not=warning < %t.remarks
; RUN: FileCheck %s --check-prefix=OUT < %t.ll
; RUN: %swad-opt %s --passes 'default<O0>' -S -o - 2>/dev/null | FileCheck %s --check-prefix=SHAPE
;
; Loop nests of derivatives that LLVM's unroll-and-jam refuses because their memory may overlap are
; copied behind a test of the byte ranges they reach (ScalarEvolution's, LLVMBinding's
; versionLoopNestOnDisjointMemory), and the copy that runs when nothing overlaps, whose accesses
; carry alias scopes that say so, is jammed (ReductionLoopJamming).
;  - @rows: y[i] = tanh(W[i]·x), x and y plain pointers. In forward mode the nest's stores to y and
;    y' may change W, x and x' for all LLVM can tell: tested and jammed. (In the gradient, the rows
;    of W are kept on the tape, a call that may grow it in the nest: no test.)
;  - @rows_in_place: y is x, which later rows read: the test is made, LLVM still refuses (a
;    dependence inside one object, which no test of distinct objects changes), and the test becomes
;    `true`: the copy as it was always runs, the jammed-to-be one is deleted.
;    The copy that runs when memory overlaps is left to LLVM's vectorizers and unroller only there:
;    where the nest is jammed, it runs only when the test finds an overlap, and its loops are marked
;    to stay scalar, as LLVM marks the loop its own run-time checks fall back to.
;  - @rows_indirect: x[idx[j]], an address no affine function of the iterations gives: no test.
;
; REMARKS: remark: the derivative of rows: the loop nest whose inner loop sums in order runs 8 outer iterations side by side when a test before it finds that the memory it writes overlaps nothing else it reaches
; REMARKS: remark: the derivative of rows_in_place: the loop nest whose inner loop sums in order is left as it is: LLVM's unroll-and-jam found it not legal (a store a later outer iteration may read, or a call that may write memory){{$}}
; REMARKS: remark: the derivative of rows_indirect: the loop nest whose inner loop sums in order is left as it is: {{.*}}; no run-time test: an address the loop accesses is not an affine function of its iterations
;
; The test, and the two copies:
; SHAPE-LABEL: define internal void @fwddifferows(
; SHAPE: %swad.nest.overlap{{[0-9]*}} = or i1
; SHAPE: br i1 %swad.nest.overlap{{[0-9]*}}, label %[[COPY:.*overlap]], label %[[JAMMED:.*disjoint]]
; SHAPE: [[COPY]]:
; SHAPE: br i1 %j.done.overlap, label %row.end.overlap, label %column.overlap, !llvm.loop ![[COPY_INNER:[0-9]+]]
; SHAPE: br i1 %i.done.overlap, label %{{.*}}, label %row.overlap, !llvm.loop ![[COPY_OUTER:[0-9]+]]
; SHAPE: [[JAMMED]]:
; SHAPE: {{^}}column{{.*}}:
; SHAPE: load double, ptr %w.ij{{.*}}, !alias.scope ![[SCOPE:[0-9]+]], !noalias
; SHAPE-COUNT-8: call double @llvm.fmuladd.f64(double %w
; SHAPE: br i1
; SHAPE-LABEL: define internal void @fwddifferows_in_place(
; SHAPE: br i1 true, label %{{.*}}overlap, label %{{.*}}disjoint
; SHAPE: br i1 %j.done.overlap, label %row.end.overlap, label %column.overlap, !llvm.loop ![[KEPT_INNER:[0-9]+]]
; SHAPE: br i1 %i.done.overlap, label %{{.*}}, label %row.overlap, !llvm.loop ![[KEPT_OUTER:[0-9]+]]
; SHAPE-DAG: ![[COPY_INNER]] = distinct !{![[COPY_INNER]], ![[NO_UNROLL:[0-9]+]], ![[NO_VECTORS:[0-9]+]]}
; SHAPE-DAG: ![[NO_UNROLL]] = !{!"llvm.loop.unroll.disable"}
; SHAPE-DAG: ![[NO_VECTORS]] = !{!"llvm.loop.vectorize.enable", i1 false}
; SHAPE-DAG: ![[COPY_OUTER]] = distinct !{![[COPY_OUTER]], ![[NO_UNROLL]], ![[NO_VECTORS]]}
; SHAPE: ![[SCOPE]] = !{![[W:[0-9]+]]}
; SHAPE: ![[W]] = distinct !{![[W]], ![[DOMAIN:[0-9]+]]}
; SHAPE: ![[DOMAIN]] = distinct !{![[DOMAIN]], !"swad.disjoint.nest"}
; SHAPE: ![[KEPT_INNER]] = distinct !{![[KEPT_INNER]]}
; SHAPE: ![[KEPT_OUTER]] = distinct !{![[KEPT_OUTER]]}
;
; After the post-AD passes (the derivatives inlined into @tangents), one test is left: @rows's.
; OUT-LABEL: define void @tangents(
; OUT: br i1 %swad.nest.overlap
; OUT-NOT: br i1 %swad.nest.overlap
; OUT: ret void

@W = global [64 x [64 x double]] zeroinitializer, align 16
@enzyme_dup = external global i32
@enzyme_const = external global i32

declare void @__enzyme_fwddiff(ptr, ...)
declare double @llvm.fmuladd.f64(double, double, double)
declare double @llvm.tanh.f64(double)

define void @rows(ptr %x, ptr %y) {
entry:
  br label %row

row:
  %i = phi i64 [ 0, %entry ], [ %i.next, %row.end ]
  br label %column

column:
  %j = phi i64 [ 0, %row ], [ %j.next, %column ]
  %s = phi double [ 0.0, %row ], [ %s.next, %column ]
  %w.ij = getelementptr inbounds [64 x [64 x double]], ptr @W, i64 0, i64 %i, i64 %j
  %w = load double, ptr %w.ij, align 8
  %x.j = getelementptr inbounds double, ptr %x, i64 %j
  %xj = load double, ptr %x.j, align 8
  %s.next = call double @llvm.fmuladd.f64(double %w, double %xj, double %s)
  %j.next = add nuw nsw i64 %j, 1
  %j.done = icmp eq i64 %j.next, 64
  br i1 %j.done, label %row.end, label %column

row.end:
  %t = call double @llvm.tanh.f64(double %s.next)
  %y.i = getelementptr inbounds double, ptr %y, i64 %i
  store double %t, ptr %y.i, align 8
  %i.next = add nuw nsw i64 %i, 1
  %i.done = icmp eq i64 %i.next, 64
  br i1 %i.done, label %exit, label %row

exit:
  ret void
}

define void @rows_in_place(ptr %x) {
entry:
  br label %row

row:
  %i = phi i64 [ 0, %entry ], [ %i.next, %row.end ]
  br label %column

column:
  %j = phi i64 [ 0, %row ], [ %j.next, %column ]
  %s = phi double [ 0.0, %row ], [ %s.next, %column ]
  %w.ij = getelementptr inbounds [64 x [64 x double]], ptr @W, i64 0, i64 %i, i64 %j
  %w = load double, ptr %w.ij, align 8
  %x.j = getelementptr inbounds double, ptr %x, i64 %j
  %xj = load double, ptr %x.j, align 8
  %s.next = call double @llvm.fmuladd.f64(double %w, double %xj, double %s)
  %j.next = add nuw nsw i64 %j, 1
  %j.done = icmp eq i64 %j.next, 64
  br i1 %j.done, label %row.end, label %column

row.end:
  %t = call double @llvm.tanh.f64(double %s.next)
  %x.i = getelementptr inbounds double, ptr %x, i64 %i
  store double %t, ptr %x.i, align 8
  %i.next = add nuw nsw i64 %i, 1
  %i.done = icmp eq i64 %i.next, 64
  br i1 %i.done, label %exit, label %row

exit:
  ret void
}

define void @rows_indirect(ptr %x, ptr noalias %idx, ptr %y) {
entry:
  br label %row

row:
  %i = phi i64 [ 0, %entry ], [ %i.next, %row.end ]
  br label %column

column:
  %j = phi i64 [ 0, %row ], [ %j.next, %column ]
  %s = phi double [ 0.0, %row ], [ %s.next, %column ]
  %w.ij = getelementptr inbounds [64 x [64 x double]], ptr @W, i64 0, i64 %i, i64 %j
  %w = load double, ptr %w.ij, align 8
  %idx.j = getelementptr inbounds i64, ptr %idx, i64 %j
  %k = load i64, ptr %idx.j, align 8
  %x.k = getelementptr inbounds double, ptr %x, i64 %k
  %xk = load double, ptr %x.k, align 8
  %s.next = call double @llvm.fmuladd.f64(double %w, double %xk, double %s)
  %j.next = add nuw nsw i64 %j, 1
  %j.done = icmp eq i64 %j.next, 64
  br i1 %j.done, label %row.end, label %column

row.end:
  %t = call double @llvm.tanh.f64(double %s.next)
  %y.i = getelementptr inbounds double, ptr %y, i64 %i
  store double %t, ptr %y.i, align 8
  %i.next = add nuw nsw i64 %i, 1
  %i.done = icmp eq i64 %i.next, 64
  br i1 %i.done, label %exit, label %row

exit:
  ret void
}

define void @tangents(ptr %x, ptr %dx, ptr %y, ptr %dy, ptr %idx) {
  %dup = load i32, ptr @enzyme_dup
  %const = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_fwddiff(ptr @rows, i32 %dup, ptr %x, ptr %dx, i32 %dup, ptr %y, ptr %dy)
  call void (ptr, ...) @__enzyme_fwddiff(ptr @rows_in_place, i32 %dup, ptr %x, ptr %dx)
  call void (ptr, ...) @__enzyme_fwddiff(ptr @rows_indirect, i32 %dup, ptr %x, ptr %dx, i32 %const, ptr %idx, i32 %dup, ptr %y, ptr %dy)
  ret void
}
