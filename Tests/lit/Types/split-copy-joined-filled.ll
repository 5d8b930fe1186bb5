; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; libstdc++'s `vector::insert(pos, n, value)` and `resize(n, value)` copy `value` into a temporary
; that SROA cut at byte 1 (split-copy-joined.ll), then fill the new elements from it: each element
; gets a store of the first byte and a copy of the other 15, in a loop the optimizer may unroll
; (stores to `p`, `p + 16`, copies to `p + 1`, `p + 17`). For `{char c; double w}` reverse mode
; refused the fill ("copy of data byte by byte"); for `{double w; char c}` the byte is a piece of
; the double. Each store and the copy beside it become one copy of the whole record.

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

; Fills `count` pairs of `{char c; double w}` records from `value`.
define internal void @fill(ptr %to, ptr %value, i64 %count) noinline {
entry:
  %rest = alloca [15 x i8], align 1
  %head = load i8, ptr %value, align 8
  %value.rest = getelementptr inbounds nuw i8, ptr %value, i64 1
  call void @llvm.memcpy.p0.p0.i64(ptr align 1 %rest, ptr align 1 %value.rest, i64 15, i1 false), !tbaa.struct !0
  br label %loop

loop:
  %p = phi ptr [ %to, %entry ], [ %p.next, %loop ]
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  store i8 %head, ptr %p, align 8
  %p.rest = getelementptr inbounds nuw i8, ptr %p, i64 1
  call void @llvm.memcpy.p0.p0.i64(ptr align 1 %p.rest, ptr align 1 %rest, i64 15, i1 false), !tbaa.struct !0
  %q = getelementptr inbounds nuw i8, ptr %p, i64 16
  store i8 %head, ptr %q, align 8
  %q.rest = getelementptr inbounds nuw i8, ptr %p, i64 17
  call void @llvm.memcpy.p0.p0.i64(ptr align 1 %q.rest, ptr align 1 %rest, i64 15, i1 false), !tbaa.struct !0
  %p.next = getelementptr inbounds nuw i8, ptr %p, i64 32
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %count
  br i1 %done, label %exit, label %loop

exit:
  ret void
}

define double @f(ptr %records) {
entry:
  %to = getelementptr inbounds nuw i8, ptr %records, i64 16
  call void @fill(ptr %to, ptr %records, i64 2)
  %last = getelementptr inbounds nuw i8, ptr %records, i64 72
  %w = load double, ptr %last, align 8
  ret double %w
}

define void @caller(ptr %r, ptr %dr) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %r, ptr %dr)
  ret void
}

; `{char c; double w}`: the char, then the double 7 bytes into the 15.
!0 = !{i64 7, i64 8, !1}
!1 = !{!2, !2, i64 0}
!2 = !{!"double", !3, i64 0}
!3 = !{!"omnipotent char", !4, i64 0}
!4 = !{!"Simple C++ TBAA"}

; One copy of the whole record in, one out per element, the field list with the double at byte 8.
; CHECK-LABEL: define internal void @fill(
; CHECK: [[WHOLE:%[0-9]+]] = alloca [16 x i8], align 8
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 8 [[WHOLE]], ptr align 8 %value, i64 16, i1 false), !tbaa.struct [[RECORD:![0-9]+]]
; CHECK: loop:
; CHECK-NOT: store i8
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 1 %p, ptr align 1 [[WHOLE]], i64 16, i1 false), !tbaa.struct [[RECORD]]
; CHECK-NOT: store i8
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 1 %q, ptr align 1 [[WHOLE]], i64 16, i1 false), !tbaa.struct [[RECORD]]
; CHECK: ret void
; CHECK: [[RECORD]] = !{i64 8, i64 8, !{{[0-9]+}}}
