; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; memcpy from constant memory (no shadow) into a shadowed buffer: the destination's shadow bytes
; become zero.

@table = private unnamed_addr constant [2 x double] [double 1.0, double 2.0], align 8
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @__enzyme_fwddiff(ptr, ...)

define void @reset(ptr %dst) {
entry:
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %dst, ptr align 8 @table, i64 16, i1 false)
  ret void
}

define void @caller(ptr %dst, ptr %ddst) {
entry:
  call void (ptr, ...) @__enzyme_fwddiff(ptr @reset, ptr %dst, ptr %ddst)
  ret void
}

; CHECK-LABEL: define internal void @fwddiffereset(
; CHECK-SAME: ptr [[DST:%.*]], ptr [[DDST:%.*]])
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 8 [[DST]], ptr align 8 @table, i64 16, i1 false)
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr {{.*}}[[DDST]], i8 0, i64 16, i1 false)
; CHECK-NEXT: ret void
