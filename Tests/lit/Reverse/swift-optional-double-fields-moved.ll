; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Swift's array helpers move records with copies of the records' type. A `Double?` field is laid out
; as the payload's bytes and a tag byte (`%TSdSg`): taken for bytes, its adjoint stayed in the new
; storage when an array of such structs grew (the gradient silently 0). Its payload is a double by
; the type's name (MemoryTypes.swiftOptionalFloatPayload): both doubles of each 24-byte record move
; back, the payload at 0 and the field at 16.

%TSd = type <{ double }>
%TSdSg = type <{ [8 x i8], [1 x i8] }>
%T4main7ReadingV = type <{ %TSdSg, [7 x i8], %TSd }>

declare void @__enzyme_autodiff(ptr, ...)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)

define void @"$s4main4move"(ptr %to, ptr %from, i64 %count) {
entry:
  %end = getelementptr inbounds %T4main7ReadingV, ptr %from, i64 %count
  %after = icmp ult ptr %to, %end
  %bytes = mul nuw i64 %count, 24
  call void @llvm.memmove.p0.p0.i64(ptr align 8 %to, ptr align 8 %from, i64 %bytes, i1 false)
  ret void
}

define void @caller(ptr %to, ptr %dto, ptr %from, ptr %dfrom, i64 %count) {
entry:
  call void (ptr, ...) @__enzyme_autodiff(ptr @"$s4main4move", ptr %to, ptr %dto, ptr %from, ptr %dfrom, i64 %count)
  ret void
}

; CHECK-LABEL: define internal void @"diffe_reverse_$s4main4move"(
; CHECK: udiv i64 {{%.*}}, 24
; CHECK: memcpy.adjoint:
; CHECK: [[RECORD:%.*]] = mul i64 {{%.*}}, 24
; A memmove may overlap: within a record too, the doubles go back against the copy's order (the
; field first when the destination lies below the source).
; CHECK: [[FIRST:%.*]] = select i1 [[DOWN:%.*]], i64 16, i64 0
; CHECK: [[AT:%.*]] = add i64 [[RECORD]], [[FIRST]]
; CHECK: [[TO:%.*]] = getelementptr inbounds i8, ptr {{%.*}}, i64 [[AT]]
; CHECK: [[FROM:%.*]] = getelementptr inbounds i8, ptr {{%.*}}, i64 [[AT]]
; CHECK: [[PAYLOAD:%.*]] = load double, ptr [[FROM]], align 8
; CHECK: store double 0.000000e+00, ptr [[FROM]], align 8
; CHECK: fadd contract double {{%.*}}, [[PAYLOAD]]
; CHECK: [[SECOND:%.*]] = select i1 [[DOWN]], i64 0, i64 16
; CHECK: add i64 [[RECORD]], [[SECOND]]
; CHECK: load double
