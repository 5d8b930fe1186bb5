; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A helper, not inlined, moves a 32-byte record between two places of memory its caller indexes as
; `{i8, double, i16, double}` (bit-fields beside doubles, sorted by `std::sort`, whose introsort
; moves records with copies of their bytes). The caller's hint, the record's declared type, was cut
; to the copy's length counting each field's size from the one before, as if the struct were
; packed: its doubles came out at bytes 1 and 11, and the copy's reverse moved bytes of the
; bit-fields' shadows into adjoints (silently wrong at n = 40). A declared struct is cut at the
; offsets the data layout gives its fields: the doubles at 8 and 24.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"

%struct.Rec = type { i8, double, i16, double }

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define internal void @move(ptr %to, ptr %from) noinline {
entry:
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %to, ptr align 8 %from, i64 32, i1 false)
  ret void
}

define double @f(ptr %x, ptr %recs) {
entry:
  %x0 = load double, ptr %x, align 8
  %w = getelementptr inbounds %struct.Rec, ptr %recs, i64 1, i32 1
  store double %x0, ptr %w, align 8
  %u = getelementptr inbounds %struct.Rec, ptr %recs, i64 1, i32 3
  store double %x0, ptr %u, align 8
  %bits = getelementptr inbounds %struct.Rec, ptr %recs, i64 1, i32 2
  store i16 -129, ptr %bits, align 8
  %second = getelementptr inbounds %struct.Rec, ptr %recs, i64 1
  call void @move(ptr %recs, ptr %second)
  %w0 = getelementptr inbounds %struct.Rec, ptr %recs, i64 0, i32 1
  %a = load double, ptr %w0, align 8
  %u0 = getelementptr inbounds %struct.Rec, ptr %recs, i64 0, i32 3
  %b = load double, ptr %u0, align 8
  %twice = fmul double %b, 2.0
  %s = fadd double %a, %twice
  ret double %s
}

define void @caller(ptr %x, ptr %dx, ptr %recs, ptr %drecs) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx, ptr %recs, ptr %drecs)
  ret void
}

; The copy's reverse moves the doubles at bytes 8 and 24 of each record (the old cut: 1 and 11).
; CHECK-LABEL: define internal void @diffe_reverse_move(
; CHECK: memcpy.adjoint:
; CHECK: [[AT:%.*]] = mul i64 {{%[0-9]+}}, 32
; CHECK-NEXT: {{%.*}} = add i64 [[AT]], 8
; CHECK: load double
; CHECK: {{%.*}} = add i64 [[AT]], 24
; CHECK: load double
; CHECK: memcpy.adjoint.done:
