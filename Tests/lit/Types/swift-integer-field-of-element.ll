; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Swift's sort of `[Item]`, `struct Item { var box: Box; var w: Double; var id: Int }`, specialized
; for `Item`, moves a record field by field at byte offsets from the storage: `id` as an `i64`
; loaded and stored elsewhere. The storage holds pointers and doubles, and an untyped word may be a
; double's bits: reverse mode refused the copy. The element type the specialization's name names,
; laid over the accesses modulo its stride (24 bytes: the box at 0, the weight at 8), puts the word
; in its `Int` field: the load is marked, and moves as an integer (SwiftIntegerFields).

%T4main4ItemV = type <{ ptr, %TSd, %TSi }>
%TSd = type <{ double }>
%TSi = type <{ i64 }>

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare double @__enzyme_autodiff(ptr, ...)

; Record i moved over record j, record j's fields written into record i's place.
define internal void @"$s4main4move4main4ItemV_Tg5"(ptr %elements, i64 %i, i64 %j) noinline {
entry:
  %to.at = mul i64 %i, 24
  %to = getelementptr inbounds i8, ptr %elements, i64 %to.at
  %from.at = mul i64 %j, 24
  %from = getelementptr inbounds i8, ptr %elements, i64 %from.at
  %box = load ptr, ptr %from, align 8
  %w.from = getelementptr inbounds nuw i8, ptr %from, i64 8
  %w = load double, ptr %w.from, align 8
  %id.from = getelementptr inbounds nuw i8, ptr %from, i64 16
  %id = load i64, ptr %id.from, align 8
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %from, ptr align 8 %to, i64 24, i1 false)
  store ptr %box, ptr %to, align 8
  %w.to = getelementptr inbounds nuw i8, ptr %to, i64 8
  store double %w, ptr %w.to, align 8
  %id.to = getelementptr inbounds nuw i8, ptr %to, i64 16
  store i64 %id, ptr %id.to, align 8
  ret void
}

define double @"$s4main1f"(ptr %elements, i64 %i, i64 %j) {
entry:
  call void @"$s4main4move4main4ItemV_Tg5"(ptr %elements, i64 %i, i64 %j)
  %at = mul i64 %i, 24
  %record = getelementptr inbounds i8, ptr %elements, i64 %at
  %w.at = getelementptr inbounds nuw i8, ptr %record, i64 8
  %w = load double, ptr %w.at, align 8
  ret double %w
}

define void @caller(ptr %e, ptr %de, i64 %i, i64 %j) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @"$s4main1f", ptr %e, ptr %de, i64 %i, i64 %j)
  ret void
}

; CHECK-LABEL: define internal void @"$s4main4move4main4ItemV_Tg5"(
; CHECK: %w = load double, ptr %w.from, align 8
; CHECK-NOT: !swad.integer.field
; CHECK: %id = load i64, ptr %id.from, align 8, !swad.integer.field

; The integer is mirrored into the shadow, as an integer's is; no adjoint moves for it.
; CHECK-LABEL: define internal void @"augmented_$s4main4move4main4ItemV_Tg5"(
; CHECK: store i64 %id, ptr %id.to, align 8
; CHECK-NEXT: store i64 %id, ptr %"'id.to", align 8

; The reverse sweep moves back the weight's adjoint only: the double at 8 of each 24-byte record.
; CHECK-LABEL: define internal void @"diffe_reverse_$s4main4move4main4ItemV_Tg5"(
; CHECK: memcpy.adjoint:
; CHECK: [[RECORD:%[0-9]+]] = mul i64 {{%[0-9]+}}, 24
; CHECK-NEXT: add i64 [[RECORD]], 8
; CHECK-NOT: load i64
; CHECK: ret void
