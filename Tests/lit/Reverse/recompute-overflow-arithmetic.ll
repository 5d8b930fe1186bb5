; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S -o %t.ll --remarks 2>%t.remarks
; RUN: FileCheck %s --input-file %t.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file %t.remarks
; Overflow-checked integer arithmetic, which Swift emits for every `*` and `+` on Int (and C's
; `__builtin_mul_overflow`), is pure: the reverse sweep recomputes `llvm.smul.with.overflow` and
; its result field rather than saving the index once per iteration. Here the row offset `i * n`
; of `x[i * n + j]`, needed in the reverse sweep for the address of the adjoint, is recomputed.
declare double @__enzyme_autodiff(ptr, ...)
declare { i64, i1 } @llvm.smul.with.overflow.i64(i64, i64)
declare { i64, i1 } @llvm.sadd.with.overflow.i64(i64, i64)
declare void @llvm.trap()
@enzyme_const = external global i32

define double @rows(ptr %x, i64 %m, i64 %n) {
entry:
  br label %row

row:
  %i = phi i64 [ 0, %entry ], [ %i.next, %row.latch ]
  %acc = phi double [ 0.0, %entry ], [ %acc.row, %row.latch ]
  %product = call { i64, i1 } @llvm.smul.with.overflow.i64(i64 %i, i64 %n)
  %overflow = extractvalue { i64, i1 } %product, 1
  br i1 %overflow, label %trap, label %row.body

row.body:
  %offset = extractvalue { i64, i1 } %product, 0
  br label %column

column:
  %j = phi i64 [ 0, %row.body ], [ %j.next, %column.next ]
  %sum = phi double [ %acc, %row.body ], [ %sum.next, %column.next ]
  %index.checked = call { i64, i1 } @llvm.sadd.with.overflow.i64(i64 %offset, i64 %j)
  %index.overflow = extractvalue { i64, i1 } %index.checked, 1
  br i1 %index.overflow, label %trap, label %column.next

column.next:
  %index = extractvalue { i64, i1 } %index.checked, 0
  %p = getelementptr double, ptr %x, i64 %index
  %v = load double, ptr %p
  %square = fmul double %v, %v
  %sum.next = fadd double %sum, %square
  %j.next = add nuw nsw i64 %j, 1
  %columns.done = icmp eq i64 %j.next, %n
  br i1 %columns.done, label %row.latch, label %column

row.latch:
  %acc.row = phi double [ %sum.next, %column.next ]
  %i.next = add nuw nsw i64 %i, 1
  %rows.done = icmp eq i64 %i.next, %m
  br i1 %rows.done, label %exit, label %row

exit:
  ret double %acc.row

trap:
  call void @llvm.trap()
  unreachable
}

define void @caller(ptr %x, ptr %dx, i64 %m, i64 %n) {
entry:
  %c = load i32, ptr @enzyme_const
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @rows, ptr %x, ptr %dx, i32 %c, i64 %m, i32 %c, i64 %n)
  ret void
}

; Nothing is saved per iteration: the indices are recomputed, and x[index] loaded again.
; REMARK: synthesized differows for rows
; REMARK-NOT: rows: the tape keeps {{[0-9]+}} bytes each time

; CHECK-LABEL: define internal void @diffe_reverse_rows(
; CHECK: call { i64, i1 } @llvm.smul.with.overflow.i64(
; CHECK: [[SUM:%.*]] = call { i64, i1 } @llvm.sadd.with.overflow.i64(
; CHECK-NEXT: [[INDEX:%.*]] = extractvalue { i64, i1 } [[SUM]], 0
; CHECK-NEXT: getelementptr double, ptr %x, i64 [[INDEX]]
