; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; libstdc++'s `vector::insert(pos, const T&)` keeps the new element in a union whose constructor
; writes its first byte; SROA then cut the temporary's copies at byte 1: the first byte of the
; record's double (or pointer) moved as an `i8`, the other 15 bytes by a `memcpy` into a
; `[15 x i8]` slot. No adjoint moves back in pieces, and nothing in the function said the bytes
; were a double's: the inserted record's gradient was garbage. Before AD the halves are one copy
; again, into a slot for the whole record, described by clang's field list with the cut field whole.

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.lifetime.start.p0(ptr)
declare void @llvm.lifetime.end.p0(ptr)

; A `{double w; char c}` record put through the cut temporary.
define internal void @put(ptr %to, ptr %from) noinline {
entry:
  %rest = alloca [15 x i8], align 1
  call void @llvm.lifetime.start.p0(ptr %rest)
  %head = load i8, ptr %from, align 8
  %from.rest = getelementptr inbounds nuw i8, ptr %from, i64 1
  call void @llvm.memcpy.p0.p0.i64(ptr align 1 %rest, ptr align 1 %from.rest, i64 15, i1 false), !tbaa.struct !0
  store i8 %head, ptr %to, align 8
  %to.rest = getelementptr inbounds nuw i8, ptr %to, i64 1
  call void @llvm.memcpy.p0.p0.i64(ptr align 1 %to.rest, ptr align 1 %rest, i64 15, i1 false), !tbaa.struct !0
  call void @llvm.lifetime.end.p0(ptr %rest)
  ret void
}

; A `{const double *p; double w}` record: the cut field is the pointer.
define internal void @put.pointing(ptr %to, ptr %from) noinline {
entry:
  %rest = alloca [15 x i8], align 1
  %head = load i8, ptr %from, align 8
  %from.rest = getelementptr inbounds nuw i8, ptr %from, i64 1
  call void @llvm.memcpy.p0.p0.i64(ptr align 1 %rest, ptr align 1 %from.rest, i64 15, i1 false), !tbaa.struct !6
  store i8 %head, ptr %to, align 8
  %to.rest = getelementptr inbounds nuw i8, ptr %to, i64 1
  call void @llvm.memcpy.p0.p0.i64(ptr align 1 %to.rest, ptr align 1 %rest, i64 15, i1 false), !tbaa.struct !6
  ret void
}

; A byte the function reads on its own is not a cut copy's: left as it is.
define internal i8 @put.peeking(ptr %to, ptr %from) noinline {
entry:
  %rest = alloca [15 x i8], align 1
  %head = load i8, ptr %from, align 8
  %from.rest = getelementptr inbounds nuw i8, ptr %from, i64 1
  call void @llvm.memcpy.p0.p0.i64(ptr align 1 %rest, ptr align 1 %from.rest, i64 15, i1 false), !tbaa.struct !0
  store i8 %head, ptr %to, align 8
  %to.rest = getelementptr inbounds nuw i8, ptr %to, i64 1
  call void @llvm.memcpy.p0.p0.i64(ptr align 1 %to.rest, ptr align 1 %rest, i64 15, i1 false), !tbaa.struct !0
  ret i8 %head
}

define double @f(ptr %records, ptr %pointing, ptr %peeked) {
entry:
  %second = getelementptr inbounds nuw i8, ptr %records, i64 16
  call void @put(ptr %second, ptr %records)
  %w = load double, ptr %second, align 8
  %pointing.second = getelementptr inbounds nuw i8, ptr %pointing, i64 16
  call void @put.pointing(ptr %pointing.second, ptr %pointing)
  %p = load ptr, ptr %pointing.second, align 8
  %v = load double, ptr %p, align 8
  %peeked.second = getelementptr inbounds nuw i8, ptr %peeked, i64 16
  %byte = call i8 @put.peeking(ptr %peeked.second, ptr %peeked)
  %r = fmul double %w, %v
  ret double %r
}

define void @caller(ptr %r, ptr %dr, ptr %q, ptr %dq, ptr %s, ptr %ds) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %r, ptr %dr, ptr %q, ptr %dq, ptr %s, ptr %ds)
  ret void
}

!0 = !{i64 0, i64 7, !1, i64 7, i64 1, !5}
!1 = !{!2, !2, i64 0}
!2 = !{!"double", !3, i64 0}
!3 = !{!"omnipotent char", !4, i64 0}
!4 = !{!"Simple C++ TBAA"}
!5 = !{!3, !3, i64 0}
!6 = !{i64 0, i64 7, !7, i64 7, i64 8, !1}
!7 = !{!8, !8, i64 0}
!8 = !{!"p1 double", !9, i64 0}
!9 = !{!"any pointer", !3, i64 0}

; The record's copies are whole again, and its field list has the double whole.
; CHECK-LABEL: define internal void @put(
; CHECK-NOT: load i8
; CHECK: [[WHOLE:%[0-9]+]] = alloca [16 x i8], align 8
; CHECK: call void @llvm.lifetime.start.p0(ptr [[WHOLE]])
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 8 [[WHOLE]], ptr align 8 %from, i64 16, i1 false), !tbaa.struct [[RECORD:![0-9]+]]
; CHECK-NOT: store i8
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 1 %to, ptr align 1 [[WHOLE]], i64 16, i1 false), !tbaa.struct [[RECORD]]
; CHECK: ret void

; CHECK-LABEL: define internal void @put.pointing(
; CHECK-NOT: load i8
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 8 {{%[0-9]+}}, ptr align 8 %from, i64 16, i1 false), !tbaa.struct [[POINTING:![0-9]+]]
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 1 %to, ptr align 1 {{%[0-9]+}}, i64 16, i1 false), !tbaa.struct [[POINTING]]

; CHECK-LABEL: define internal i8 @put.peeking(
; CHECK: %head = load i8, ptr %from, align 8
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 1 %rest, ptr align 1 %from.rest, i64 15, i1 false)
; CHECK: store i8 %head, ptr %to, align 8

; The double's adjoint moves back whole, once per 16-byte record: the char is not a double.
; CHECK-LABEL: define internal void @diffe_reverse_put(
; CHECK: memcpy.adjoint:
; CHECK: mul i64 {{%[0-9]+}}, 16
; CHECK: [[ADJOINT:%[0-9]+]] = load double, ptr
; CHECK: fadd contract double {{%[0-9]+}}, [[ADJOINT]]
; CHECK: icmp ult i64 {{%[0-9]+}}, 1
; CHECK-NEXT: br i1

; The pointer's shadow moves with it, through the shadow of the record's slot.
; CHECK-LABEL: define internal void @augmented_put.pointing(
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 8 [[SHADOW:%"'[0-9]*"]], ptr align 8 %"'from", i64 16, i1 false)
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 1 %"'to", ptr align 1 [[SHADOW]], i64 16, i1 false)

; CHECK: [[RECORD]] = !{i64 0, i64 8, [[DOUBLE:![0-9]+]], i64 8, i64 1, [[CHAR:![0-9]+]]}
; CHECK: [[DOUBLE]] = !{[[DOUBLENAME:![0-9]+]], [[DOUBLENAME]], i64 0}
; CHECK: [[DOUBLENAME]] = !{!"double",
; CHECK: [[POINTING]] = !{i64 0, i64 8, [[POINTER:![0-9]+]], i64 8, i64 8, [[DOUBLE]]}
