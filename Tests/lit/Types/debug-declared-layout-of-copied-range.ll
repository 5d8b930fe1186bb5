; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Records `{Name id; double v; int k}` (`Name` a string-like `{char *p; long n; char buf[16]}`)
; copied by a helper that walks both arrays with pointers (phis): it sets the name's pointer and
; length, then moves `v` and `k` with one 12-byte memcpy at offset 32, as optimized C++ copies
; the members after a `std::string`. Nothing in the helper reads those 12 bytes; its first access
; to the memory is the name's pointer, which typed the copy, and `v`'s adjoint stayed behind
; (silently 0). The helper's debug records declare both pointers `Rec *` (and the destination
; also `Name *`, the `this` of the name's constructor, which lies at the record's start): the
; record's members lay the copy out as a double and 4 bytes (Types/DeclaredDebugTypes.swift).

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define void @copy_recs(ptr %dst, ptr %src, i64 %n) !dbg !10 {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %d = phi ptr [ %dst, %entry ], [ %d.next, %loop ]
  %s = phi ptr [ %src, %entry ], [ %s.next, %loop ]
    #dbg_value(ptr %d, !20, !DIExpression(), !30)
    #dbg_value(ptr %s, !21, !DIExpression(), !30)
    #dbg_value(ptr %d, !28, !DIExpression(), !30)
  %buf = getelementptr inbounds i8, ptr %d, i64 16
  store ptr %buf, ptr %d, align 8
  %s.n = getelementptr inbounds i8, ptr %s, i64 8
  %length = load i64, ptr %s.n, align 8
  %d.n = getelementptr inbounds i8, ptr %d, i64 8
  store i64 %length, ptr %d.n, align 8
  %d.v = getelementptr inbounds i8, ptr %d, i64 32
  %s.v = getelementptr inbounds i8, ptr %s, i64 32
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %d.v, ptr align 8 %s.v, i64 12, i1 false), !dbg !30
  %d.next = getelementptr inbounds i8, ptr %d, i64 48
  %s.next = getelementptr inbounds i8, ptr %s, i64 48
  %i.next = add i64 %i, 1
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %loop, label %done

done:
  ret void
}

define double @f(double %x) {
entry:
  %a = alloca [2 x [48 x i8]], align 8
  %b = alloca [2 x [48 x i8]], align 8
  %a.v = getelementptr inbounds i8, ptr %a, i64 32
  store double %x, ptr %a.v, align 8
  %a1.v = getelementptr inbounds i8, ptr %a, i64 80
  %twice = fmul double %x, 2.0
  store double %twice, ptr %a1.v, align 8
  call void @copy_recs(ptr %b, ptr %a, i64 2)
  %b.v = getelementptr inbounds i8, ptr %b, i64 32
  %v0 = load double, ptr %b.v, align 8
  %b1.v = getelementptr inbounds i8, ptr %b, i64 80
  %v1 = load double, ptr %b1.v, align 8
  %r = fmul double %v0, %v1
  ret double %r
}

define double @df(double %x) {
entry:
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %r
}

; CHECK-LABEL: define internal void @diffe_reverse_copy_recs(
; The copy's adjoint: the double at its start moves back and is cleared; the int does not.
; CHECK: memcpy.adjoint:
; CHECK: mul i64 {{%.*}}, 12
; CHECK: [[ADJOINT:%[0-9]+]] = load double, ptr [[FROM:%[0-9]+]]
; CHECK-NEXT: store double 0.000000e+00, ptr [[FROM]]
; CHECK: fadd {{.*}}double {{%[0-9]+}}, [[ADJOINT]]
; CHECK-NOT: load i32
; CHECK: memcpy.adjoint.done:
; CHECK: ret void

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!1, !2}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus_14, file: !3, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !{i32 7, !"Dwarf Version", i32 5}
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !DIFile(filename: "records.cpp", directory: "/tmp")
!10 = distinct !DISubprogram(name: "copy_recs", scope: !3, file: !3, line: 3, type: !11, scopeLine: 3, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!11 = !DISubroutineType(types: !12)
!12 = !{null}
!20 = !DILocalVariable(name: "dst", arg: 1, scope: !10, file: !3, line: 3, type: !22)
!21 = !DILocalVariable(name: "src", arg: 2, scope: !10, file: !3, line: 3, type: !22)
!22 = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: !23, size: 64)
!23 = !DICompositeType(tag: DW_TAG_structure_type, name: "Rec", file: !3, line: 2, size: 384, elements: !24)
!24 = !{!25, !26, !27}
!25 = !DIDerivedType(tag: DW_TAG_member, name: "id", scope: !23, file: !3, line: 2, baseType: !40, size: 256)
!26 = !DIDerivedType(tag: DW_TAG_member, name: "v", scope: !23, file: !3, line: 2, baseType: !41, size: 64, offset: 256)
!27 = !DIDerivedType(tag: DW_TAG_member, name: "k", scope: !23, file: !3, line: 2, baseType: !42, size: 32, offset: 320)
!28 = !DILocalVariable(name: "this", scope: !10, file: !3, line: 1, type: !29, flags: DIFlagArtificial | DIFlagObjectPointer)
!29 = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: !40, size: 64)
!30 = !DILocation(line: 4, scope: !10)
!40 = !DICompositeType(tag: DW_TAG_structure_type, name: "Name", file: !3, line: 1, size: 256, elements: !43)
!41 = !DIBasicType(name: "double", size: 64, encoding: DW_ATE_float)
!42 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!43 = !{!44, !45, !46}
!44 = !DIDerivedType(tag: DW_TAG_member, name: "p", scope: !40, file: !3, line: 1, baseType: !47, size: 64)
!45 = !DIDerivedType(tag: DW_TAG_member, name: "n", scope: !40, file: !3, line: 1, baseType: !48, size: 64, offset: 64)
!46 = !DIDerivedType(tag: DW_TAG_member, name: "buf", scope: !40, file: !3, line: 1, baseType: !49, size: 128, offset: 128)
!47 = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: !50, size: 64)
!48 = !DIBasicType(name: "long", size: 64, encoding: DW_ATE_signed)
!49 = !DICompositeType(tag: DW_TAG_array_type, baseType: !50, size: 128, elements: !51)
!50 = !DIBasicType(name: "char", size: 8, encoding: DW_ATE_signed_char)
!51 = !{!52}
!52 = !DISubrange(count: 16)
