; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A copy of a 24-byte record whose only access is a double read at its start (a merge of
; std::stable_sort that compares records by a double field and moves them whole): the accesses type
; the copy as doubles and say nothing of the bytes beside. Reverse mode moves the bytes as doubles;
; where they hold a pointer at run time, its shadow would stay behind (silently wrong), so the
; augmented forward sweep checks the source when the copy runs. Padding and uninitialized shadow
; slots hold words that are neither zero nor the primal's, so this check stops only on a word whose
; primal and shadow differ and both look like addresses (`UntypedCopies`, typedAsData).

declare void @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define double @move(ptr %to, ptr %from) {
entry:
  %key = load double, ptr %from
  call void @llvm.memcpy.p0.p0.i64(ptr %to, ptr %from, i64 24, i1 false)
  ret double %key
}

define void @caller(ptr %to, ptr %dto, ptr %from, ptr %dfrom) {
entry:
  call void (ptr, ...) @__enzyme_autodiff(ptr @move, ptr %to, ptr %dto, ptr %from, ptr %dfrom)
  ret void
}

; CHECK-LABEL: define internal double @augmented_move(
; CHECK: call void @swad.typed.copy.check(ptr %from, ptr %"'from", i64 24, ptr @swad.untyped.copy.message, i64 {{[0-9]+}})
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr %to, ptr %from, i64 24, i1 false)

; A word stops the program when its shadow is set, differs from the primal, and both lie in
; [2^32, 2^47) with the low three bits clear.
; CHECK-LABEL: define internal void @swad.typed.copy.check(
; CHECK: word:
; CHECK: [[PRIMAL:%.*]] = load i64, ptr {{%.*}}, align 1
; CHECK: [[SHADOW:%.*]] = load i64, ptr {{%.*}}, align 1
; CHECK: [[SET:%.*]] = icmp ne i64 [[SHADOW]], 0
; CHECK: [[OTHER:%.*]] = icmp ne i64 [[SHADOW]], [[PRIMAL]]
; CHECK: [[HELD:%.*]] = and i1 [[SET]], [[OTHER]]
; An integer mirrored beside a float whose shadow is 0 is explained by the primal's bytes.
; CHECK: %unexplained = icmp ne i64 %bytes.not.primal, 0
; CHECK: [[P:%.*]] = sub i64 [[PRIMAL]], 4294967296
; CHECK: icmp ult i64 [[P]], 140733193388032
; CHECK: and i64 [[PRIMAL]], 7
; CHECK: [[S:%.*]] = sub i64 [[SHADOW]], 4294967296
; CHECK: icmp ult i64 [[S]], 140733193388032
; CHECK: and i64 [[SHADOW]], 7
; CHECK: br i1 {{%.*}}, label %pointer, label %next
; CHECK: pointer:
; CHECK: call i64 @write(i32 2,
; CHECK: call void @abort()
