; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A merge step of unoptimized std::stable_sort moving records `{int id; const double *src; double
; gain}` with a memmove of run-time length in a helper that reads none of their fields. Nothing in
; the IR types the pointer: the caller's accesses (the id and the gain) typed the copy as integers
; and doubles, so the pointers' shadows were left to a check when the copy ran, which stopped a
; correct program. The helper's
; debug records declare both pointers `Channel *`: the record's members lay the copy out, the
; pointer moves its shadow forward and the double its adjoint back (Types/DeclaredDebugTypes.swift).

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)

define void @move_records(ptr %dst, ptr %src, i64 %n) !dbg !10 {
entry:
    #dbg_value(ptr %dst, !20, !DIExpression(), !30)
    #dbg_value(ptr %src, !21, !DIExpression(), !30)
  %bytes = mul i64 %n, 24
  call void @llvm.memmove.p0.p0.i64(ptr align 8 %dst, ptr align 8 %src, i64 %bytes, i1 false), !dbg !30
  ret void
}

define double @f(ptr %records, i64 %n) {
entry:
  %second = getelementptr inbounds i8, ptr %records, i64 24
  call void @move_records(ptr %records, ptr %second, i64 %n)
  %gain = getelementptr inbounds i8, ptr %records, i64 16
  %g = load double, ptr %gain, align 8
  %id = load i32, ptr %records, align 8
  %s = sitofp i32 %id to double
  %r = fmul double %g, %s
  ret double %r
}

define void @df(ptr %records, ptr %drecords, i64 %n) {
entry:
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %records, ptr %drecords, i64 %n)
  ret void
}

; CHECK-LABEL: define internal void @augmented_move_records(
; The shadows' bytes move with the records (the pointers' shadows among them), and nothing is
; left to a check when the copy runs.
; CHECK-NOT: copy.check
; CHECK: call void @llvm.memmove.p0.p0.i64(ptr align 8 %"'dst", ptr align 8 %"'src", i64 %bytes, i1 false)
; CHECK-NOT: copy.check
; CHECK: ret void

; CHECK-LABEL: define internal void @diffe_reverse_move_records(
; Record by record (24 bytes), the gain's adjoint (16 bytes in) moves back; nothing else does.
; CHECK: memcpy.adjoint:
; CHECK: mul i64 {{%.*}}, 24
; CHECK: add i64 {{%.*}}, 16
; CHECK: load double, ptr
; CHECK-NEXT: store double 0.000000e+00, ptr
; CHECK: fadd
; CHECK-NOT: load double
; CHECK: memcpy.adjoint.done:

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!1, !2}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus_14, file: !3, producer: "clang", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !{i32 7, !"Dwarf Version", i32 5}
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !DIFile(filename: "merge.cpp", directory: "/tmp")
!10 = distinct !DISubprogram(name: "move_records", scope: !3, file: !3, line: 3, type: !11, scopeLine: 3, spFlags: DISPFlagDefinition, unit: !0)
!11 = !DISubroutineType(types: !12)
!12 = !{null}
!20 = !DILocalVariable(name: "dst", arg: 1, scope: !10, file: !3, line: 3, type: !22)
!21 = !DILocalVariable(name: "src", arg: 2, scope: !10, file: !3, line: 3, type: !22)
!22 = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: !23, size: 64)
!23 = !DICompositeType(tag: DW_TAG_structure_type, name: "Channel", file: !3, line: 1, size: 192, elements: !24)
!24 = !{!25, !26, !27}
!25 = !DIDerivedType(tag: DW_TAG_member, name: "id", scope: !23, file: !3, line: 1, baseType: !40, size: 32)
!26 = !DIDerivedType(tag: DW_TAG_member, name: "src", scope: !23, file: !3, line: 1, baseType: !41, size: 64, offset: 64)
!27 = !DIDerivedType(tag: DW_TAG_member, name: "gain", scope: !23, file: !3, line: 1, baseType: !42, size: 64, offset: 128)
!30 = !DILocation(line: 4, scope: !10)
!40 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!41 = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: !43, size: 64)
!42 = !DIBasicType(name: "double", size: 64, encoding: DW_ATE_float)
!43 = !DIDerivedType(tag: DW_TAG_const_type, baseType: !42)
