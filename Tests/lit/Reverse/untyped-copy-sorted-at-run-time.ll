; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; RUN: sed 's/^@keeps.float = .*/@keeps.float = global float 0.0\ndefine void @store.float(float %%v) {\n  store float %%v, ptr @keeps.float, align 4\n  ret void\n}/' %s \
; RUN:   | %swad-opt - -O0 --pre-passes '' -S | FileCheck %s --check-prefix=FLOATS
; RUN: sed 's/ptr align 8/ptr align 4/g' %s \
; RUN:   | %swad-opt - -O0 --pre-passes '' -S | FileCheck %s --check-prefix=UNALIGNED
; A copy of run-time length whose bytes nothing types (no access in the function, no declared type,
; no hint from the caller: the records of a std::vector<std::variant<double, const double *>> moved
; by an erase), between 8-byte aligned ends. Its words are told apart when they run
; (Gradient+WordsSortedAtRunTime): the forward sweep copies a source shadow word into the
; destination's only when it is neither 0 nor an adjoint (a pointer's shadow, an integer's value),
; so a caller's seeds in the destination stay; the reverse sweep moves back the destination's
; adjoints (2^52 and up); the bytes after the last whole word hold no double and no pointer. Before,
; the bytes were taken for doubles and the copy stopped at run time on a pointer's shadow. Where
; the module keeps floats other than doubles (a word could hold two adjoints), or the ends may not
; be 8-byte aligned (an int array's copy, whose words straddle its elements), the copy keeps the
; doubles-only guess and its check (Support/UntypedCopies.swift).

declare void @__enzyme_autodiff(ptr, ...)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)
@keeps.float = global double 0.0

define void @move(ptr %to, ptr %from, i64 %bytes) {
entry:
  call void @llvm.memmove.p0.p0.i64(ptr align 8 %to, ptr align 8 %from, i64 %bytes, i1 false)
  ret void
}

define void @caller(ptr %to, ptr %dto, ptr %from, ptr %dfrom, i64 %bytes) {
entry:
  call void (ptr, ...) @__enzyme_autodiff(ptr @move, ptr %to, ptr %dto, ptr %from, ptr %dfrom, i64 %bytes)
  ret void
}

; CHECK-LABEL: define internal void @augmented_move(
; CHECK: call void @llvm.memmove.p0.p0.i64(ptr align 8 %to, ptr align 8 %from, i64 %bytes, i1 false)
; CHECK-NEXT: call void @swad.sorted.words.copy(ptr %"'to", ptr %"'from", i64 %bytes)
; CHECK-NOT: swad.untyped.copy.check

; CHECK-LABEL: define internal void @diffe_reverse_move(
; CHECK: udiv i64 %bytes, 8
; CHECK: memcpy.adjoint:
; CHECK: [[WORD:%.*]] = load i64, ptr [[FROM:%.*]], align 4
; CHECK: %is.adjoint = icmp uge i64 [[WORD]], 4503599627370496
; CHECK: [[LEFT:%.*]] = select i1 %is.adjoint, i64 0, i64 [[WORD]]
; CHECK: store i64 [[LEFT]], ptr [[FROM]], align 4
; CHECK: [[HELD:%.*]] = load i64, ptr [[TO:%.*]], align 4
; CHECK: fadd double
; CHECK: select i1 %is.adjoint, i64 {{%.*}}, i64 [[HELD]]

; The forward copy: whole words, from the end when the destination lies above the source; 0 and
; adjoints (word - 1 >= 2^52 - 1) leave the destination's word.
; CHECK-LABEL: define internal void @swad.sorted.words.copy(
; CHECK: %downwards = icmp ugt ptr %0, %1
; CHECK: word:
; CHECK: [[SOURCE:%.*]] = load i64, ptr {{%.*}}, align 1
; CHECK: [[DESTINATION:%.*]] = load i64, ptr {{%.*}}, align 1
; CHECK: [[LESS:%.*]] = sub i64 [[SOURCE]], 1
; CHECK: %leaves = icmp uge i64 [[LESS]], 4503599627370495
; CHECK: select i1 %leaves, i64 [[DESTINATION]], i64 [[SOURCE]]

; FLOATS-LABEL: define internal void @augmented_move(
; FLOATS: call void @swad.untyped.copy.check(ptr %from, ptr %"'from", i64 %bytes, ptr @swad.untyped.copy.message, i64 {{[0-9]+}})
; FLOATS-NEXT: call void @llvm.memmove.p0.p0.i64(ptr align 8 %to, ptr align 8 %from, i64 %bytes, i1 false)
; FLOATS-LABEL: define internal void @diffe_reverse_move(
; FLOATS-NOT: is.adjoint
; FLOATS: ret void

; UNALIGNED-LABEL: define internal void @augmented_move(
; UNALIGNED: call void @swad.untyped.copy.check(ptr %from, ptr %"'from", i64 %bytes, ptr @swad.untyped.copy.message, i64 {{[0-9]+}})
; UNALIGNED-NEXT: call void @llvm.memmove.p0.p0.i64(ptr align 4 %to, ptr align 4 %from, i64 %bytes, i1 false)
; UNALIGNED-LABEL: define internal void @diffe_reverse_move(
; UNALIGNED-NOT: is.adjoint
; UNALIGNED: ret void
