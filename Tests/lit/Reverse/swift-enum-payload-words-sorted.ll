; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; An enum field whose payload has no spare bits (`case ramp(Double)`, `case hold(Double, Int)`) is
; laid out by Swift as the payload's bytes and a tag byte (`%T4main5PhaseO`): nothing in the type
; says which words are doubles. Moved with the records by Swift's array helpers, the payload's
; adjoint stayed in the new storage (the gradient silently 0). The payload's words are now told
; apart when the reverse sweep runs (CopiedStructs+SwiftPayloads, Gradient+WordsSortedAtRunTime):
; a word of 2^52 and up (a double's adjoint) moves back, the others (an integer's mirrored value, a
; reference's shadow, below 2^47) stay. The record's own double (at 24) moves as before.

%TSd = type <{ double }>
%T4main5PhaseO = type <{ [16 x i8], [1 x i8] }>
%T4main7ChannelV = type <{ %T4main5PhaseO, [7 x i8], %TSd }>

declare void @__enzyme_autodiff(ptr, ...)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)

define void @"$s4main4move"(ptr %to, ptr %from, i64 %count) {
entry:
  %end = getelementptr inbounds %T4main7ChannelV, ptr %from, i64 %count
  %after = icmp ult ptr %to, %end
  %bytes = mul nuw i64 %count, 32
  call void @llvm.memmove.p0.p0.i64(ptr align 8 %to, ptr align 8 %from, i64 %bytes, i1 false)
  ret void
}

define void @caller(ptr %to, ptr %dto, ptr %from, ptr %dfrom, i64 %count) {
entry:
  call void (ptr, ...) @__enzyme_autodiff(ptr @"$s4main4move", ptr %to, ptr %dto, ptr %from, ptr %dfrom, i64 %count)
  ret void
}

; CHECK-LABEL: define internal void @"diffe_reverse_$s4main4move"(
; CHECK: udiv i64 {{%.*}}, 32
; CHECK: add i64 {{%.*}}, 24
; CHECK: load double
; CHECK: udiv i64 {{%.*}}, 32
; CHECK: [[WORD:%.*]] = load i64, ptr [[FROM:%.*]], align 4
; CHECK-NEXT: %is.adjoint = icmp uge i64 [[WORD]], 4503599627370496
; CHECK-NEXT: [[LEFT:%.*]] = select i1 %is.adjoint, i64 0, i64 [[WORD]]
; CHECK-NEXT: store i64 [[LEFT]], ptr [[FROM]], align 4
; CHECK: [[SECOND:%.*]] = add i64 {{%.*}}, 8
; CHECK: %is.adjoint{{[0-9]+}} = icmp uge i64
