; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S --remarks 2>%t.remarks | FileCheck %s
; RUN: FileCheck %s --check-prefix=REMARK < %t.remarks
; An induction variable that is not the loop's counter (k, the index into a packed triangle) gets
; its value in the loop's last iteration from the counter's trip count and its own start, even
; when the start comes from the tape (idx, a running sum of the rows' lengths): the tape keeps the
; start, once per run of the inner loop, instead of the last value, and the reverse sweep would
; read it anyway. The start is pushed by a block the last row skips, into the outer loop's array.
declare void @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32
@enzyme_const = external global i32

; out[j] += l[idx++] * x[i] for j in i+1..<d: the strictly lower triangle of a matrix, packed row
; by row, times x.
define void @triangle(ptr noalias %l, ptr noalias %x, ptr noalias %out, i64 %d) {
entry:
  br label %outer

outer:
  %i = phi i64 [ 0, %entry ], [ %i.next, %outer.latch ]
  %idx = phi i64 [ 0, %entry ], [ %idx.next, %outer.latch ]
  %j.first = add i64 %i, 1
  %more = icmp ult i64 %j.first, %d
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
  %j.next = add i64 %j, 1
  %k.next = add i64 %k, 1
  %row.done = icmp eq i64 %j.next, %d
  br i1 %row.done, label %row.end, label %inner

row.end:
  %k.last = phi i64 [ %k.next, %inner ]
  br label %outer.latch

outer.latch:
  %idx.next = phi i64 [ %idx, %outer ], [ %k.last, %row.end ]
  %i.next = add i64 %i, 1
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

; REMARK: triangle: the tape keeps 8 bytes each time block %row.end runs (in a loop of depth 1: per iteration, an array indexed by the iteration, a column per value, reserved before the loop): %idx (phi)
; REMARK-NOT: the tape keeps{{.*}}%k (phi)
; REMARK: triangle: stepped back by the reverse sweep's loop counters instead of kept: {{.*}}%k (phi)

; CHECK-LABEL: define internal void @augmented_triangle(
; CHECK: {{^}}row.end:
; CHECK: store i64 %idx, ptr
; CHECK-NOT: store i64 %k
; CHECK: ret void

; The last row's k: idx + (d − (i + 1) − 1), the inner loop's trip count less one after its start.
; CHECK-LABEL: define internal void @diffe_reverse_triangle(
; CHECK: {{^}}rev.row.end:
; CHECK: [[IDX:%.*]] = load i64, ptr
; CHECK: {{^}}rev.row.end.enter.inner:
; CHECK: [[FIRST:%.*]] = add i64 [[I:%.*]], 1
; The counter j first, then k.
; CHECK: add i64 [[FIRST]],
; CHECK: [[ROW:%.*]] = sub i64 %d, [[FIRST]]
; CHECK-NEXT: [[STEPS:%.*]] = sub i64 [[ROW]], 1
; CHECK-NEXT: [[K:%.*]] = add i64 [[IDX]], [[STEPS]]
; CHECK: {{^}}rev.inner:
; CHECK: phi i64 [ [[K]], %rev.row.end.enter.inner ]
; CHECK: ret void
