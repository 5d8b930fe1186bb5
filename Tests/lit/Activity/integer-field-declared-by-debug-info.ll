; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; Nodes `{double val; uintptr_t kid}` keeping a child's address as an integer, walked by a recursive
; `eval(uintptr_t)` (unoptimized C, simplified). The load of `kid` reads an integer from memory that
; also holds a double and hands it to a call, with nothing in the IR to say it is not a double's
; bits: the derivative was refused ("floating-point memory is loaded as an integer here"). The
; debug info declares the field `uintptr_t` (`nd` is a `Node *`), so the integer is an integer
; (Types/DeclaredDebugTypes.swift, declaresInteger) and the gradient goes through the child's value.

declare double @__enzyme_autodiff(ptr, ...)

define double @f(double %x) {
  %pool = alloca [2 x [16 x i8]], align 16
  store double %x, ptr %pool, align 16
  %kid0 = getelementptr inbounds nuw i8, ptr %pool, i64 8
  store i64 0, ptr %kid0, align 8
  %second = getelementptr inbounds nuw i8, ptr %pool, i64 16
  %sq = fmul double %x, %x
  store double %sq, ptr %second, align 16
  %kid1 = getelementptr inbounds nuw i8, ptr %pool, i64 24
  %first = ptrtoint ptr %pool to i64
  store i64 %first, ptr %kid1, align 8
  %root = ptrtoint ptr %second to i64
  %r = call double @eval(i64 %root)
  ret double %r
}

define internal double @eval(i64 %p) !dbg !50 {
  %nd = inttoptr i64 %p to ptr
    #dbg_value(ptr %nd, !56, !DIExpression(), !54)
  %kid.at = getelementptr inbounds nuw i8, ptr %nd, i64 8
  %kid = load i64, ptr %kid.at, align 8, !dbg !57
  %leaf = icmp eq i64 %kid, 0
  %val = load double, ptr %nd, align 8
  br i1 %leaf, label %done, label %recurse

recurse:
  %below = call double @eval(i64 %kid), !dbg !57
  %product = fmul double %val, %below
  br label %done

done:
  %result = phi double [ %product, %recurse ], [ %val, %0 ]
  ret double %result
}

define double @df(double %x) {
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %d
}

; The child's address goes to the recursive call with the shadow's, an address too, and the
; child's adjoint comes back from it.
; CHECK-LABEL: define internal double @augmented_eval(
; CHECK: %kid = load i64, ptr %kid.at
; CHECK-NEXT: %"'kid" = load i64, ptr %"'kid.at"
; CHECK: call double @augmented_eval{{.*}}(i64 %kid, i64 %"'kid", ptr %tape)
; CHECK-LABEL: define internal void @diffe_reverse_eval(
; CHECK: call void @diffe_reverse_eval

!llvm.dbg.cu = !{!9}
!llvm.module.flags = !{!23, !24}

!2 = !DIFile(filename: "tagged.c", directory: "/tmp")
!9 = distinct !DICompileUnit(language: DW_LANG_C11, file: !2, producer: "clang", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!11 = !DIDerivedType(tag: DW_TAG_typedef, name: "uintptr_t", file: !2, line: 90, baseType: !13)
!13 = !DIBasicType(name: "unsigned long", size: 64, encoding: DW_ATE_unsigned)
!15 = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: !16, size: 64)
!16 = !DIDerivedType(tag: DW_TAG_typedef, name: "Node", file: !2, line: 5, baseType: !17)
!17 = distinct !DICompositeType(tag: DW_TAG_structure_type, name: "Node", file: !2, line: 5, size: 128, elements: !18)
!18 = !{!19, !21}
!19 = !DIDerivedType(tag: DW_TAG_member, name: "val", scope: !17, file: !2, line: 5, baseType: !20, size: 64)
!20 = !DIBasicType(name: "double", size: 64, encoding: DW_ATE_float)
!21 = !DIDerivedType(tag: DW_TAG_member, name: "kid", scope: !17, file: !2, line: 5, baseType: !11, size: 64, offset: 64)
!23 = !{i32 7, !"Dwarf Version", i32 5}
!24 = !{i32 2, !"Debug Info Version", i32 3}
!50 = distinct !DISubprogram(name: "eval", scope: !2, file: !2, line: 6, type: !51, scopeLine: 6, spFlags: DISPFlagLocalToUnit | DISPFlagDefinition, unit: !9)
!51 = !DISubroutineType(types: !52)
!52 = !{!20, !11}
!54 = !DILocation(line: 0, scope: !50)
!56 = !DILocalVariable(name: "nd", scope: !50, file: !2, line: 6, type: !15)
!57 = !DILocation(line: 6, column: 68, scope: !50)
