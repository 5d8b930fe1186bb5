; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A copy of run-time length whose bytes nothing types: no access in the function, no declared type,
; no hint from the caller. Reverse mode takes the bytes for doubles; where they hold pointers at run
; time, their shadows would stay behind, so the augmented forward sweep checks the source's shadow
; when the copy runs: a word neither zero (an adjoint, none accumulated yet) nor the primal word
; (an integer's shadow is its value) is a pointer's shadow if it has a nonzero byte the primal's
; differs in (not an integer beside padding only the primal filled) or looks like an address, and
; the derivative stops there with a message naming the copy (`UntypedCopies`).

declare void @__enzyme_autodiff(ptr, ...)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)

define void @move(ptr %to, ptr %from, i64 %bytes) {
entry:
  call void @llvm.memmove.p0.p0.i64(ptr %to, ptr %from, i64 %bytes, i1 false)
  ret void
}

define void @caller(ptr %to, ptr %dto, ptr %from, ptr %dfrom, i64 %bytes) {
entry:
  call void (ptr, ...) @__enzyme_autodiff(ptr @move, ptr %to, ptr %dto, ptr %from, ptr %dfrom, i64 %bytes)
  ret void
}

; The check runs before the copy changes the bytes it reads.
; CHECK-LABEL: define internal void @augmented_move(
; CHECK: call void @swad.untyped.copy.check(ptr %from, ptr %"'from", i64 %bytes, ptr @swad.untyped.copy.message, i64 {{[0-9]+}})
; CHECK-NEXT: call void @llvm.memmove.p0.p0.i64(ptr %to, ptr %from, i64 %bytes, i1 false)

; The check: a word of the source's shadow that is neither 0 nor the primal word, and differs from
; the primal in a nonzero byte or looks like an address, stops the program.
; CHECK-LABEL: define internal void @swad.untyped.copy.check(
; CHECK: word:
; CHECK: [[PRIMAL:%.*]] = load i64, ptr {{%.*}}, align 1
; CHECK: [[SHADOW:%.*]] = load i64, ptr {{%.*}}, align 1
; CHECK: [[SET:%.*]] = icmp ne i64 [[SHADOW]], 0
; CHECK: [[OTHER:%.*]] = icmp ne i64 [[SHADOW]], [[PRIMAL]]
; CHECK: [[HELD:%.*]] = and i1 [[SET]], [[OTHER]]
; CHECK: [[LOW:%.*]] = and i64 [[SHADOW]], 9187201950435737471
; CHECK: [[CARRY:%.*]] = add i64 [[LOW]], 9187201950435737471
; CHECK: [[WITH:%.*]] = or i64 [[CARRY]], [[SHADOW]]
; CHECK: [[NONZERO:%.*]] = and i64 [[WITH]], -9187201950435737472
; CHECK: [[DIFF:%.*]] = xor i64 [[SHADOW]], [[PRIMAL]]
; CHECK: [[DIFFERING:%.*]] = and i64 {{%.*}}, -9187201950435737472
; CHECK: %bytes.not.primal = and i64 [[NONZERO]], [[DIFFERING]]
; CHECK: %unexplained = icmp ne i64 %bytes.not.primal, 0
; CHECK: %address = and i1
; CHECK: [[EITHER:%.*]] = or i1 %unexplained, %address
; CHECK: %pointer.shadow = and i1 [[HELD]], [[EITHER]]
; CHECK: br i1 %pointer.shadow, label %pointer, label %next
; CHECK: pointer:
; CHECK: call i64 @write(i32 2,
; CHECK: call void @abort()
