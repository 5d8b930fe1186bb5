; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; An insertion sort's `val = std::move(*i)` of `{int k; double v}` records, from unoptimized input:
; SROA cut the temporary after `k`, so the 12 bytes from the padding on move through a `[12 x i8]`
; slot, the double 4 bytes into them. Nothing about the slot says so: the copy was laid out as a
; whole record from its start (the double 8 bytes in), and the adjoints went to the wrong records
; (silently wrong). The slot is laid out by the records on the copy's other side, whose places step
; by 16 bytes: a byte index advanced by 16 on a loop's phi, an end found by dividing the distance
; exactly by 16 (StridedPlaces, CopiedStructs+PeriodicRecords).

%struct.R = type { i32, double }

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare double @__enzyme_autodiff(ptr, ...)

; Moves each record one place down, the first to the end, through the cut temporary.
define internal void @rotate(ptr %begin, i64 %count) noinline {
entry:
  %rest = alloca [12 x i8], align 4
  %end = getelementptr inbounds %struct.R, ptr %begin, i64 %count
  %k = load i32, ptr %begin, align 8
  %rest.from = getelementptr inbounds nuw i8, ptr %begin, i64 4
  call void @llvm.memcpy.p0.p0.i64(ptr align 4 %rest, ptr align 4 %rest.from, i64 12, i1 false)
  br label %loop

loop:
  %at = phi i64 [ 16, %entry ], [ %at.next, %loop ]
  %record = getelementptr inbounds i8, ptr %begin, i64 %at
  %previous = getelementptr inbounds i8, ptr %record, i64 -16
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %previous, ptr align 8 %record, i64 16, i1 false)
  %at.next = add nuw i64 %at, 16
  %next = getelementptr inbounds i8, ptr %begin, i64 %at.next
  %done = icmp eq ptr %next, %end
  br i1 %done, label %exit, label %loop

exit:
  %last = getelementptr inbounds i8, ptr %end, i64 -16
  store i32 %k, ptr %last, align 8
  ; The key is read for more than the move (a comparison's), so the two halves stay apart.
  %renumbered = add i32 %k, 1
  store i32 %renumbered, ptr %begin, align 8
  %rest.to = getelementptr inbounds nuw i8, ptr %last, i64 4
  call void @llvm.memcpy.p0.p0.i64(ptr align 4 %rest.to, ptr align 4 %rest, i64 12, i1 false)
  ret void
}

define double @f(ptr %records, i64 %count) {
entry:
  call void @rotate(ptr %records, i64 %count)
  %v.at = getelementptr inbounds nuw i8, ptr %records, i64 8
  %v = load double, ptr %v.at, align 8
  ret double %v
}

define void @caller(ptr %r, ptr %dr, i64 %n) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %r, ptr %dr, i64 %n)
  ret void
}

; The reverse sweep: the slot's copy to the last record moves back the double 4 bytes into its 12,
; the records' moves the double 8 bytes into their 16, the first record's copy into the slot the
; double 4 bytes into its 12.
; CHECK-LABEL: define internal void @diffe_reverse_rotate(
; CHECK: memcpy.adjoint:
; CHECK: [[SLOT1:%[0-9]+]] = mul i64 {{%[0-9]+}}, 12
; CHECK-NEXT: add i64 [[SLOT1]], 4
; CHECK: memcpy.adjoint{{[0-9]+}}:
; CHECK: [[RECORD:%[0-9]+]] = mul i64 {{%[0-9]+}}, 16
; CHECK-NEXT: add i64 [[RECORD]], 8
; CHECK: memcpy.adjoint{{[0-9]+}}:
; CHECK: [[SLOT2:%[0-9]+]] = mul i64 {{%[0-9]+}}, 12
; CHECK-NEXT: add i64 [[SLOT2]], 4
; CHECK: ret void
