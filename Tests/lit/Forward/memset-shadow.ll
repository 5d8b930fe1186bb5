; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; memset of a shadowed buffer writes constant bytes (whatever the byte), so the shadow bytes become zero.

@enzyme_dup = external global i32
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
declare void @__enzyme_fwddiff(ptr, ...)

define void @clear(ptr %buf, i8 %byte, i64 %bytes) {
entry:
  call void @llvm.memset.p0.i64(ptr align 8 %buf, i8 %byte, i64 %bytes, i1 false)
  ret void
}

define void @caller(ptr %buf, ptr %dbuf, i8 %byte, i64 %bytes) {
entry:
  %m = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_fwddiff(ptr @clear, i32 %m, ptr %buf, ptr %dbuf, i8 %byte, i64 %bytes)
  ret void
}

; CHECK-LABEL: define internal void @fwddiffeclear(
; CHECK-SAME: ptr [[BUF:%.*]], ptr [[DBUF:%.*]], i8 [[BYTE:%.*]], i64 [[BYTES:%.*]])
; CHECK: call void @llvm.memset.p0.i64(ptr align 8 [[BUF]], i8 [[BYTE]], i64 [[BYTES]], i1 false)
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr {{.*}}[[DBUF]], i8 0, i64 [[BYTES]], i1 false)
; CHECK-NEXT: ret void
