; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; posix_memalign writes the allocated pointer through its first argument: its shadow is a second
; allocation, written through the shadow of that argument and zeroed.

declare i32 @posix_memalign(ptr, i64, i64)
declare double @__enzyme_fwddiff(ptr, ...)

define void @f(ptr %out, double %x) {
entry:
  %status = call i32 @posix_memalign(ptr %out, i64 64, i64 16)
  %p = load ptr, ptr %out
  store double %x, ptr %p
  ret void
}

define void @caller(ptr %out, ptr %dout, double %x, double %dx) {
entry:
  call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %out, ptr %dout, double %x, double %dx)
  ret void
}

; CHECK-LABEL: define internal void @fwddiffef(
; CHECK-SAME: ptr [[OUT:%.*]], ptr [[DOUT:%.*]], double [[X:%.*]], double [[DX:%.*]])
; CHECK: call i32 @posix_memalign(ptr [[OUT]], i64 64, i64 16)
; CHECK-NEXT: call i32 @posix_memalign(ptr [[DOUT]], i64 64, i64 16)
; CHECK-NEXT: [[SHADOW:%.*]] = load ptr, ptr [[DOUT]]
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr {{.*}}[[SHADOW]], i8 0, i64 16, i1 false)
; CHECK: [[P:%.*]] = load ptr, ptr [[OUT]]
; CHECK: [[DP:%.*]] = load ptr, ptr [[DOUT]]
; CHECK: store double [[X]], ptr [[P]]
; A pointer loaded from memory may be a constant one (its own shadow): the tangent store checks.
; CHECK: [[SAME:%.*]] = icmp eq ptr [[DP]], [[P]]
; CHECK-NEXT: [[T:%.*]] = select i1 [[SAME]], double [[X]], double [[DX]]
; CHECK-NEXT: store double [[T]], ptr [[DP]]
