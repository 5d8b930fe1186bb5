; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Records `{ union { double d; struct { char c; double w; } t; }; i64 index; i32 id }` swapped through a
; temporary: clang declares the union by its larger member, so the declaration puts the only
; double at byte 8, while the first record keeps its double at byte 0. Laid out by the
; declaration, the swap left that double's adjoint behind (the gradient silently 0). Records
; declared with a union that hold floating-point values have their copies' words told apart when
; the sweeps run (Gradient+WordsSortedAtRunTime): each shadow word at or above 2^52 moves back as a
; double. The swap copies 28 of the 32 bytes (the tail padding left out); the last 4 bytes hold no
; double and stay.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"

%struct.Rec = type { %union.U, i64, i32 }
%union.U = type { %struct.Tagged }
%struct.Tagged = type { i8, double }

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define double @f(ptr %x, ptr %recs) {
entry:
  %tmp = alloca %struct.Rec, align 8
  %x0 = load double, ptr %x, align 8
  store double %x0, ptr %recs, align 8
  %second = getelementptr inbounds %struct.Rec, ptr %recs, i64 1
  store i8 97, ptr %second, align 8
  %x.1 = getelementptr inbounds double, ptr %x, i64 1
  %x1 = load double, ptr %x.1, align 8
  %w.1 = getelementptr inbounds i8, ptr %second, i64 8
  store double %x1, ptr %w.1, align 8
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %tmp, ptr align 8 %recs, i64 32, i1 false)
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %recs, ptr align 8 %second, i64 28, i1 false)
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %second, ptr align 8 %tmp, i64 28, i1 false)
  %w.0 = getelementptr inbounds i8, ptr %recs, i64 8
  %a = load double, ptr %w.0, align 8
  %b = load double, ptr %second, align 8
  %twice = fmul double %b, 2.0
  %s = fadd double %a, %twice
  ret double %s
}

define void @caller(ptr %x, ptr %dx, ptr %recs, ptr %drecs) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx, ptr %recs, ptr %drecs)
  ret void
}

; CHECK-LABEL: define internal double @augmented_f(
; The three copies, forward: every shadow word that is neither 0 nor an adjoint.
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 8 %tmp, ptr align 8 %recs, i64 32, i1 false)
; CHECK-NEXT: call void @swad.sorted.words.copy(ptr %"'tmp", ptr %"'recs", i64 32)
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 8 %recs, ptr align 8 %second, i64 28, i1 false)
; CHECK-NEXT: call void @swad.sorted.words.copy(ptr %"'recs", ptr %"'second", i64 28)
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 8 %second, ptr align 8 %tmp, i64 28, i1 false)
; CHECK-NEXT: call void @swad.sorted.words.copy(ptr %"'second", ptr %"'tmp", i64 28)
; And backwards, each copy word by word: a word of the destination's shadow moves into the source's
; when it is an adjoint.
; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: memcpy.adjoint:
; CHECK: %is.adjoint = icmp uge i64 {{%[0-9]+}}, 4503599627370496
; CHECK: memcpy.adjoint{{[0-9]+}}:
; CHECK: %is.adjoint{{[0-9]+}} = icmp uge i64 {{%[0-9]+}}, 4503599627370496
; CHECK: memcpy.adjoint{{[0-9]+}}:
; CHECK: %is.adjoint{{[0-9]+}} = icmp uge i64 {{%[0-9]+}}, 4503599627370496
; CHECK-NOT: @swad.typed.copy.check
; CHECK-LABEL: define internal void @swad.sorted.words.copy(
