; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Swift's `replaceSubrange`, specialized for `struct Weighted { var w: Double; var tag: Tag }`,
; drops the first records (`swift_arrayDestroy` with the record's metadata) and moves the others
; down with one memmove of run-time length. Nothing else in it says which bytes are the double and
; which the reference: taken for doubles, the references' shadows stayed behind, and the dropped
; record's shadow was released twice (a crash). The copy is laid out as the record the runtime
; calls name (CopiedStructs.swiftElementLayoutOfCopiedRange).

%T4main8WeightedV = type <{ %TSd, ptr }>
%TSd = type <{ double }>

@"$s4main8WeightedVMf" = external global i8

declare void @swift_arrayDestroy(ptr, i64, ptr)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)
declare double @__enzyme_autodiff(ptr, ...)

; Drops `dropped` records from the front of `count`.
define internal void @"$s4main9dropFront"(ptr %elements, i64 %dropped, i64 %count) noinline {
entry:
  call void @swift_arrayDestroy(ptr %elements, i64 %dropped, ptr getelementptr inbounds nuw (i8, ptr @"$s4main8WeightedVMf", i64 16))
  %from.offset = shl i64 %dropped, 4
  %from = getelementptr inbounds i8, ptr %elements, i64 %from.offset
  %left = sub i64 %count, %dropped
  %bytes = shl i64 %left, 4
  call void @llvm.memmove.p0.p0.i64(ptr align 8 %elements, ptr align 8 %from, i64 %bytes, i1 false)
  ret void
}

define double @"$s4main1f"(ptr %elements, i64 %count) {
entry:
  call void @"$s4main9dropFront"(ptr %elements, i64 1, i64 %count)
  %w = load double, ptr %elements, align 8
  ret double %w
}

define void @caller(ptr %e, ptr %de, i64 %n) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @"$s4main1f", ptr %e, ptr %de, i64 %n)
  ret void
}

; The forward sweep moves the shadows with the records: the references' shadows go where the
; references go.
; CHECK-LABEL: define internal void @"augmented_$s4main9dropFront"(
; CHECK: call void @llvm.memmove.p0.p0.i64(ptr align 8 %elements, ptr align 8 %from, i64 %bytes, i1 false)
; CHECK: call void @llvm.memmove.p0.p0.i64(ptr align 8 %"'elements", ptr align 8 %"'from", i64 %bytes, i1 false)

; The reverse sweep moves the doubles' adjoints back, one per 16-byte record.
; CHECK-LABEL: define internal void @"diffe_reverse_$s4main9dropFront"(
; CHECK: udiv i64 {{%[0-9]+}}, 16
; CHECK: memcpy.adjoint:
; CHECK: mul i64 {{%[0-9]+}}, 16
; CHECK: [[ADJOINT:%[0-9]+]] = load double, ptr
; CHECK: fadd contract double {{%[0-9]+}}, [[ADJOINT]]
