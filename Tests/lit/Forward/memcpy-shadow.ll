; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; memcpy between shadowed buffers copies the shadow bytes too.

@enzyme_dup = external global i32
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @__enzyme_fwddiff(ptr, ...)

define void @copy(ptr %dst, ptr %src, i64 %n) {
entry:
  %bytes = shl i64 %n, 3
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %dst, ptr align 8 %src, i64 %bytes, i1 false)
  ret void
}

define void @caller(ptr %dst, ptr %ddst, ptr %src, ptr %dsrc, i64 %n) {
entry:
  %m = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_fwddiff(ptr @copy, i32 %m, ptr %dst, ptr %ddst, i32 %m, ptr %src, ptr %dsrc, i64 %n)
  ret void
}

; CHECK-LABEL: define void @caller(
; CHECK: call void @fwddiffecopy(ptr %dst, ptr %ddst, ptr %src, ptr %dsrc, i64 %n)

; CHECK-LABEL: define internal void @fwddiffecopy(
; CHECK-SAME: ptr [[DST:%.*]], ptr [[DDST:%.*]], ptr [[SRC:%.*]], ptr [[DSRC:%.*]], i64 [[N:%.*]])
; CHECK: [[BYTES:%.*]] = shl i64 [[N]], 3
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr align 8 [[DST]], ptr align 8 [[SRC]], i64 [[BYTES]], i1 false)
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr align 8 [[DDST]], ptr align 8 [[DSRC]], i64 [[BYTES]], i1 false)
; CHECK-NEXT: ret void
