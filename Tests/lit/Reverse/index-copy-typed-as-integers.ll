; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; RUN: sed 's/^  %i = sext i32 %k to i64/  %i = sext i32 0 to i64/' %s | %swad-opt - -O0 --pre-passes '' -S \
; RUN:   | FileCheck %s --check-prefix=UNTYPED
; An array of indices (an argsort's std::vector<int> at -O0, no alias tags) moved by a copy of
; run-time length: the function's loads of it index other memory, so its bytes are integers. The
; copy is checked at run time only for words that look like addresses (swad.typed.copy.check), and no
; adjoint moves back through it. Before, the bytes were taken for doubles and the stricter check
; stopped on the indices. When no load indexes (the index made a constant), nothing types the bytes
; and the strict check stays.

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)
@enzyme_const = external global i32

define double @gather(ptr %x, ptr %order, i64 %bytes) {
entry:
  %k = load i32, ptr %order, align 4
  %i = sext i32 %k to i64
  %at = getelementptr inbounds double, ptr %x, i64 %i
  %v = load double, ptr %at, align 8
  %next = getelementptr inbounds i8, ptr %order, i64 4
  call void @llvm.memmove.p0.p0.i64(ptr %next, ptr %order, i64 %bytes, i1 false)
  %s = fmul double %v, %v
  ret double %s
}

define void @caller(ptr %x, ptr %dx, ptr %order, ptr %dorder, i64 %bytes) {
entry:
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @gather, ptr %x, ptr %dx, ptr %order, ptr %dorder, ptr @enzyme_const, i64 %bytes)
  ret void
}

; CHECK-LABEL: define internal double @augmented_gather(
; CHECK: call void @swad.typed.copy.check(ptr %order, ptr %"'order", i64 %bytes,
; CHECK-NEXT: call void @llvm.memmove.p0.p0.i64(ptr %next, ptr %order, i64 %bytes, i1 false)
; CHECK-LABEL: define internal void @diffe_reverse_gather(
; CHECK-NOT: memcpy.adjoint
; CHECK: ret void

; UNTYPED-LABEL: define internal double @augmented_gather(
; UNTYPED: call void @swad.untyped.copy.check(ptr %order, ptr %"'order", i64 %bytes,
