; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The reverse of a memset of run-time length into a block the function allocated zeroes, record by
; record, only the bytes that are not pointers: the records' layout is what the function's other
; accesses to the block say modulo their size (24 here, the length's factor and the step of the
; loop that fills them: {ptr, double, ptr}). The pointers' shadow is the shadow's structure
; (`resize` of a std::vector<std::vector<double>> value-initializes the new rows so, then gives
; them storage). It zeroed all the bytes, and the caller's shadow rows came back empty.

; CHECK-LABEL: define internal void @diffe_reverse_rows(
; CHECK: memset.adjoint:
; CHECK-NEXT: [[K:%.*]] = phi i64
; CHECK-NEXT: [[RECORD:%.*]] = mul i64 [[K]], 24
; CHECK-NEXT: [[MIDDLE:%.*]] = add i64 [[RECORD]], 8
; CHECK-NEXT: [[AT:%.*]] = getelementptr inbounds i8, ptr {{%.*}}, i64 [[MIDDLE]]
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 1 [[AT]], i8 0, i64 8, i1 false)
; CHECK-NOT: @llvm.memset
; CHECK: ret void

declare ptr @malloc(i64)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
declare void @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32
@enzyme_const = external global i32

define double @rows(ptr %out, ptr %x, i64 %n) {
entry:
  %bytes = mul nuw i64 %n, 24
  %block = call ptr @malloc(i64 %bytes)
  call void @llvm.memset.p0.i64(ptr %block, i8 0, i64 %bytes, i1 false)
  store ptr %block, ptr %out
  %v = load double, ptr %x
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %record = phi ptr [ %block, %entry ], [ %step, %loop ]
  %storage = call ptr @malloc(i64 8)
  store ptr %storage, ptr %record
  %middle = getelementptr inbounds i8, ptr %record, i64 8
  %w = fmul double %v, %v
  store double %w, ptr %middle
  %last = getelementptr inbounds i8, ptr %record, i64 16
  store ptr %storage, ptr %last
  store double %v, ptr %storage
  %step = getelementptr inbounds i8, ptr %record, i64 24
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, %n
  br i1 %done, label %exit, label %loop

exit:
  %first = getelementptr inbounds i8, ptr %block, i64 8
  %back = load double, ptr %first
  ret double %back
}

define void @caller(ptr %out, ptr %dout, ptr %x, ptr %dx, i64 %n) {
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @rows, i32 %d, ptr %out, ptr %dout, i32 %d, ptr %x, ptr %dx, i32 %c, i64 %n)
  ret void
}
