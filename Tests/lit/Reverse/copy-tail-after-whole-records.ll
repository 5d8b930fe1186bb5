; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A copy of run-time length laid out by 32-byte records `{[8 x i8], double, [8 x i8], double}`
; (an unrolled loop's period over 16-byte records: `memcpy(cp, buf, off)` after a loop that wrote
; a double 8 bytes into each record, unrolled by clang -O2). A length that is no multiple of 32
; leaves a tail after the last whole record, and the reverse moved whole records only: the
; adjoints of the records the loop's remainder wrote were lost (silently 0). The tail's leaves that
; lie entirely inside it move too: before the records when the copy runs descending, after them
; otherwise.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"

%struct.Pair = type { [8 x i8], double, [8 x i8], double }

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define double @f(ptr %x, i64 %bytes) {
entry:
  %buf = alloca [4 x %struct.Pair], align 16
  %cp = alloca [4 x %struct.Pair], align 16
  %x0 = load double, ptr %x, align 8
  %w0 = getelementptr inbounds %struct.Pair, ptr %buf, i64 0, i32 1
  store double %x0, ptr %w0, align 8
  %x.1 = getelementptr inbounds double, ptr %x, i64 1
  %x1 = load double, ptr %x.1, align 8
  %w1 = getelementptr inbounds %struct.Pair, ptr %buf, i64 0, i32 3
  store double %x1, ptr %w1, align 8
  call void @llvm.memcpy.p0.p0.i64(ptr align 16 %cp, ptr align 16 %buf, i64 %bytes, i1 false)
  %r0 = getelementptr inbounds %struct.Pair, ptr %cp, i64 0, i32 1
  %a = load double, ptr %r0, align 8
  %r1 = getelementptr inbounds %struct.Pair, ptr %cp, i64 0, i32 3
  %b = load double, ptr %r1, align 8
  %s = fadd double %a, %b
  ret double %s
}

define void @caller(ptr %x, ptr %dx, i64 %bytes) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx, i64 %bytes)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: icmp ule i64 16, [[TAIL:%[0-9]+]]
; CHECK-NOT: icmp ule i64 32,
; CHECK: memcpy.tail:
; CHECK: memcpy.adjoint:
; CHECK: udiv i64 %bytes, 32
; CHECK: icmp ule i64 16,
; CHECK: memcpy.tail{{[0-9]+}}:
; CHECK: ret void
