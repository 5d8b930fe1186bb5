; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S -o %t.ll --remarks 2>%t.remarks
; RUN: FileCheck %s --input-file %t.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file %t.remarks
; Integer minimum and maximum (`llvm.smax`, `llvm.smin`, `llvm.umax`, `llvm.umin`, `llvm.abs`) are
; pure and cheap, so the reverse sweep recomputes them like `add` or `mul`. Swift's
; `for j in (i + 1)..<max(d, i + 1)` bounds its inner loop by `llvm.smax`: recomputed, it gives the
; inner loop's trip count, hence the last values of its inductions (j and k), which are then not
; saved each time the inner loop ends. Only k's start (idx, a running sum of the rows' lengths)
; stays on the tape.
declare void @__enzyme_autodiff(ptr, ...)
declare i64 @llvm.smax.i64(i64, i64)
@enzyme_dup = external global i32
@enzyme_const = external global i32

; out[j] += l[idx++] * x[i] for j in i+1..<max(d, i+1).
define void @triangle(ptr noalias %l, ptr noalias %x, ptr noalias %out, i64 %d) {
entry:
  br label %outer

outer:
  %i = phi i64 [ 0, %entry ], [ %i.next, %outer.latch ]
  %idx = phi i64 [ 0, %entry ], [ %idx.next, %outer.latch ]
  %j.first = add nuw i64 %i, 1
  %j.end = call i64 @llvm.smax.i64(i64 %d, i64 %j.first)
  %more = icmp slt i64 %j.first, %d
  br i1 %more, label %row, label %outer.latch

row:
  %x.i.address = getelementptr double, ptr %x, i64 %i
  %x.i = load double, ptr %x.i.address
  br label %inner

inner:
  %j = phi i64 [ %j.first, %row ], [ %j.next, %inner ]
  %k = phi i64 [ %idx, %row ], [ %k.next, %inner ]
  %l.address = getelementptr double, ptr %l, i64 %k
  %l.k = load double, ptr %l.address
  %out.address = getelementptr double, ptr %out, i64 %j
  %out.j = load double, ptr %out.address
  %term = fmul double %l.k, %x.i
  %sum = fadd double %out.j, %term
  store double %sum, ptr %out.address
  %j.next = add nuw nsw i64 %j, 1
  %k.next = add nuw nsw i64 %k, 1
  %row.done = icmp eq i64 %j.next, %j.end
  br i1 %row.done, label %row.end, label %inner

row.end:
  %k.last = phi i64 [ %k.next, %inner ]
  br label %outer.latch

outer.latch:
  %idx.next = phi i64 [ %idx, %outer ], [ %k.last, %row.end ]
  %i.next = add nuw nsw i64 %i, 1
  %done = icmp eq i64 %i.next, %d
  br i1 %done, label %exit, label %outer

exit:
  ret void
}

define void @caller(ptr %l, ptr %dl, ptr %x, ptr %dx, ptr %out, ptr %dout, i64 %d) {
entry:
  %dup = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @triangle, i32 %dup, ptr %l, ptr %dl, i32 %dup, ptr %x, ptr %dx,
                                          i32 %dup, ptr %out, ptr %dout, i32 %c, i64 %d)
  ret void
}

; REMARK: triangle: the tape keeps 8 bytes each time block %row.end runs (in a loop of depth 1: per iteration, an array indexed by the iteration, reserved before the loop): %idx (phi){{$}}
; REMARK: triangle: recomputed by the reverse sweep instead of kept: {{.*}}%j.end (call)
; REMARK: triangle: stepped back by the reverse sweep's loop counters instead of kept: {{.*}}%j (phi)

; CHECK-LABEL: define internal void @augmented_triangle(
; CHECK: {{^}}row.end:
; CHECK: store i64 %idx, ptr
; CHECK-NOT: store i64 %j
; CHECK-NOT: store i64 %k
; CHECK: ret void

; The last row's j: max(d, i + 1) − 1, from the recomputed bound.
; CHECK-LABEL: define internal void @diffe_reverse_triangle(
; CHECK: {{^}}rev.row.end.enter.inner:
; CHECK: [[FIRST:%.*]] = add nuw i64 [[I:%.*]], 1
; CHECK: [[END:%.*]] = call i64 @llvm.smax.i64(i64 %d, i64 [[FIRST]])
; CHECK: sub i64 [[END]], [[FIRST]]
; CHECK: {{^}}rev.inner:
; CHECK: ret void
