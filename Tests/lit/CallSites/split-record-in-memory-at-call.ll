; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A record of 16 bytes that the function takes as two IR parameters (its debug type, one record
; argument, says so) reaches the entry-point call in memory, a byval copy: the pointers, markers and
; shadows before it used up the registers. Its halves are loaded from the copy, eight bytes each, for
; the value and for the tangent. It was refused ("argument 3 has type ptr, which cannot be passed as
; the parameter's type double").

; CHECK-LABEL: define double @tangent(
; CHECK: [[WAT:%.*]] = getelementptr inbounds i8, ptr %w, i64 0
; CHECK-NEXT: [[W:%.*]] = load double, ptr [[WAT]]
; CHECK-NEXT: [[NAT:%.*]] = getelementptr inbounds i8, ptr %w, i64 8
; CHECK-NEXT: [[N:%.*]] = load i64, ptr [[NAT]]
; CHECK-NEXT: [[DWAT:%.*]] = getelementptr inbounds i8, ptr %dw, i64 0
; CHECK-NEXT: [[DW:%.*]] = load double, ptr [[DWAT]]
; CHECK-NEXT: [[DNAT:%.*]] = getelementptr inbounds i8, ptr %dw, i64 8
; CHECK-NEXT: [[DN:%.*]] = load i64, ptr [[DNAT]]
; CHECK-NEXT: call { double, double } @fwddiffescaled(double [[W]], double [[DW]], i64 [[N]], i64 [[DN]])

target triple = "x86_64-pc-linux-gnu"

%Weighted = type { double, i64 }

@enzyme_dup = external global i32
declare double @__enzyme_fwddiff(ptr, ...)

define double @scaled(double %weight, i64 %count) !dbg !5 {
  %c = sitofp i64 %count to double
  %r = fmul double %weight, %c
  ret double %r
}

define double @tangent(ptr %w, ptr %dw) {
  %d = load i32, ptr @enzyme_dup
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @scaled, i32 %d, ptr byval(%Weighted) align 8 %w, ptr byval(%Weighted) align 8 %dw)
  ret double %t
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}
!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "s.c", directory: "/tmp")
!3 = !{i32 7, !"Dwarf Version", i32 5}
!4 = !{i32 2, !"Debug Info Version", i32 3}
!5 = distinct !DISubprogram(name: "scaled", scope: !1, file: !1, line: 4, type: !6, scopeLine: 4, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{!8, !9}
!8 = !DIBasicType(name: "double", size: 64, encoding: DW_ATE_float)
!9 = !DICompositeType(tag: DW_TAG_structure_type, name: "Weighted", file: !1, line: 1, size: 128, elements: !10)
!10 = !{!11, !12}
!11 = !DIDerivedType(tag: DW_TAG_member, name: "weight", scope: !9, file: !1, line: 1, baseType: !8, size: 64)
!12 = !DIDerivedType(tag: DW_TAG_member, name: "count", scope: !9, file: !1, line: 1, baseType: !13, size: 64, offset: 64)
!13 = !DIBasicType(name: "long", size: 64, encoding: DW_ATE_signed)
