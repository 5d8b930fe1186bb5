; Derivatives get debug info of their own (Support/DerivativeDebugInfo.swift): each synthesized function
; with located code gets a subprogram named after it, in the primal's compile unit (the module keeps
; one: Valgrind 3.19 gives up on an object with two), and its locations move into it with their lines and files: the primal's own code (line 7, the
; loop), code inlined into the primal (sq, line 4, inlined at line 8), code from another file
; (body.inc, included inside f). Loop IDs are rebuilt with the moved loop locations; the wrappers
; that call the sweeps get a subprogram too, and their calls line 0 of it. swad-opt verifies the
; module, so a location left in the primal's subprogram fails the run.
; From t.c (clang -O1 -g -gno-column-info):
;   static inline double sq(double x) { return x * x; }             // line 4
;   __attribute__((noinline)) double f(const double *x, int n) {    // line 5
;     double s = 0;
;     for (int i = 0; i < n; i++)                                   // line 7
;       s += sq(x[i]) * 3.0;                                        // line 8
;   #include "body.inc"                                             // s = sin(s) * s;
;     return s;                                                     // line 10
;   }
;   void g(const double *x, double *dx, int n) { __enzyme_autodiff((void *)f, x, dx, n); }
;   double h(const double *x, const double *dx, int n) { return __enzyme_fwddiff((void *)f, x, dx, n); }
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define dso_local void @g(
; CHECK: call {{.*}}@diffef({{.*}}), !dbg ![[G_CALL:[0-9]+]]

; CHECK-LABEL: define internal double @augmented_f(
; CHECK-SAME: {{.*}}) {{.*}}!dbg ![[AUG:[0-9]+]] {
; CHECK: fmul double %{{.*}}, !dbg ![[AUG_SQ:[0-9]+]]
; CHECK: br i1 {{.*}}, !dbg ![[AUG_LOOP_START:[0-9]+]], !llvm.loop ![[AUG_LOOP:[0-9]+]]
; CHECK: call double @sin({{.*}}, !dbg ![[AUG_INC:[0-9]+]]

; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK-SAME: {{.*}}) {{.*}}!dbg ![[REV:[0-9]+]] {
; CHECK: call double @llvm.cos.f64({{.*}}, !dbg ![[REV_INC:[0-9]+]]

; CHECK-LABEL: define internal { double } @diffef(
; CHECK-SAME: {{.*}}) {{.*}}!dbg ![[WRAPPER:[0-9]+]] {
; CHECK: call double @augmented_f({{.*}}, !dbg ![[WRAPPER_LINE0:[0-9]+]]
; CHECK: call void @diffe_reverse_f({{.*}}, !dbg ![[WRAPPER_LINE0]]

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: {{.*}}) {{.*}}!dbg ![[FWD:[0-9]+]] {
; CHECK: br i1 {{.*}}, !llvm.loop ![[FWD_LOOP:[0-9]+]]

; CHECK: !llvm.dbg.cu = !{![[UNIT:[0-9]+]]}
; CHECK: ![[UNIT]] = distinct !DICompileUnit(language: DW_LANG_C11, file: ![[FILE:[0-9]+]],
; CHECK: ![[FILE]] = !DIFile(filename: "t.c"
; CHECK: ![[SUBPROGRAM_F:[0-9]+]] = distinct !DISubprogram(name: "f",
; CHECK: ![[G_CALL]] = !DILocation(line: 12, scope:
; CHECK: ![[AUG]] = distinct !DISubprogram(name: "augmented_f", linkageName: "augmented_f", scope: ![[FILE]], file: ![[FILE]], line: 5, type: !{{[0-9]+}}, scopeLine: 5, flags: DIFlagArtificial, spFlags: DISPFlagLocalToUnit | DISPFlagDefinition | DISPFlagOptimized, unit: ![[UNIT]])
; CHECK: ![[AUG_LOOP_START]] = !DILocation(line: 7, scope: ![[AUG]])
; CHECK: ![[AUG_AT:[0-9]+]] = !DILocation(line: 8, scope: ![[AUG]])
; CHECK: ![[AUG_SQ]] = !DILocation(line: 4, scope: ![[SQ:[0-9]+]], inlinedAt: ![[AUG_AT]])
; CHECK: ![[AUG_LOOP]] = distinct !{![[AUG_LOOP]], ![[AUG_LOOP_START]], ![[AUG_AT]], ![[MUSTPROGRESS:[0-9]+]], ![[NOUNROLL:[0-9]+]]}
; CHECK: ![[AUG_INC]] = !DILocation(line: 1, scope: ![[AUG_BLOCK:[0-9]+]])
; CHECK: ![[AUG_BLOCK]] = !DILexicalBlockFile(scope: ![[AUG]], file: ![[BODY:[0-9]+]], discriminator: 0)
; CHECK: ![[REV]] = distinct !DISubprogram(name: "diffe_reverse_f", linkageName: "diffe_reverse_f", scope: ![[FILE]], file: ![[FILE]], line: 5, {{.*}}unit: ![[UNIT]])
; CHECK: ![[REV_INC]] = !DILocation(line: 1, scope: ![[REV_BLOCK:[0-9]+]])
; CHECK: ![[REV_BLOCK]] = !DILexicalBlockFile(scope: ![[REV]], file: ![[BODY]], discriminator: 0)
; CHECK: !DILocation(line: 4, scope: ![[SQ]], inlinedAt: ![[REV_AT:[0-9]+]])
; CHECK: ![[WRAPPER]] = distinct !DISubprogram(name: "diffef", linkageName: "diffef", scope: ![[FILE]], file: ![[FILE]], line: 5, {{.*}}unit: ![[UNIT]])
; CHECK: ![[WRAPPER_LINE0]] = !DILocation(line: 0, scope: ![[WRAPPER]])
; CHECK: ![[FWD]] = distinct !DISubprogram(name: "fwddiffef", linkageName: "fwddiffef", {{.*}}unit: ![[UNIT]])
; CHECK: ![[FWD_LOOP]] = distinct !{![[FWD_LOOP]], ![[FWD_LOOP_START:[0-9]+]], ![[FWD_AT:[0-9]+]], ![[MUSTPROGRESS]], ![[NOUNROLL]]}

source_filename = "t.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define dso_local double @f(ptr noundef readonly captures(none) %0, i32 noundef %1) #0 !dbg !16 {
    #dbg_value(ptr %0, !24, !DIExpression(), !29)
    #dbg_value(i32 %1, !25, !DIExpression(), !29)
    #dbg_value(double 0.000000e+00, !26, !DIExpression(), !29)
    #dbg_value(i32 0, !27, !DIExpression(), !30)
  %3 = icmp sgt i32 %1, 0, !dbg !31
  br i1 %3, label %4, label %6, !dbg !33

4:                                                ; preds = %2
  %5 = zext nneg i32 %1 to i64, !dbg !34
  br label %10, !dbg !35

6:                                                ; preds = %10, %2
  %7 = phi double [ 0.000000e+00, %2 ], [ %16, %10 ], !dbg !29
  %8 = tail call double @sin(double noundef %7) #5, !dbg !36, !tbaa !12
  %9 = fmul double %7, %8, !dbg !39
    #dbg_value(double %9, !26, !DIExpression(), !29)
  ret double %9, !dbg !40

10:                                               ; preds = %4, %10
  %11 = phi i64 [ 0, %4 ], [ %17, %10 ]
  %12 = phi double [ 0.000000e+00, %4 ], [ %16, %10 ]
    #dbg_value(i64 %11, !27, !DIExpression(), !30)
    #dbg_value(double %12, !26, !DIExpression(), !29)
  %13 = getelementptr inbounds nuw double, ptr %0, i64 %11, !dbg !42
  %14 = load double, ptr %13, align 8, !dbg !42, !tbaa !43
    #dbg_value(double %14, !45, !DIExpression(), !50)
  %15 = fmul double %14, %14, !dbg !52
  %16 = tail call double @llvm.fmuladd.f64(double %15, double 3.000000e+00, double %12), !dbg !53
    #dbg_value(double %16, !26, !DIExpression(), !29)
  %17 = add nuw nsw i64 %11, 1, !dbg !54
    #dbg_value(i64 %17, !27, !DIExpression(), !30)
  %18 = icmp eq i64 %17, %5, !dbg !34
  br i1 %18, label %6, label %10, !dbg !55, !llvm.loop !56
}

declare double @llvm.fmuladd.f64(double, double, double) #1

declare !dbg !60 double @sin(double noundef) local_unnamed_addr #2

define dso_local void @g(ptr noundef %0, ptr noundef %1, i32 noundef %2) local_unnamed_addr #3 !dbg !62 {
    #dbg_value(ptr %0, !67, !DIExpression(), !70)
    #dbg_value(ptr %1, !68, !DIExpression(), !70)
    #dbg_value(i32 %2, !69, !DIExpression(), !70)
  %4 = tail call double (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @f, ptr noundef %0, ptr noundef %1, i32 noundef %2) #5, !dbg !71
  ret void, !dbg !72
}

declare !dbg !73 double @__enzyme_autodiff(ptr noundef, ...) local_unnamed_addr #4

define dso_local double @h(ptr noundef %0, ptr noundef %1, i32 noundef %2) local_unnamed_addr #3 !dbg !76 {
    #dbg_value(ptr %0, !80, !DIExpression(), !83)
    #dbg_value(ptr %1, !81, !DIExpression(), !83)
    #dbg_value(i32 %2, !82, !DIExpression(), !83)
  %4 = tail call double (ptr, ...) @__enzyme_fwddiff(ptr noundef nonnull @f, ptr noundef %0, ptr noundef %1, i32 noundef %2) #5, !dbg !84
  ret double %4, !dbg !85
}

declare !dbg !86 double @__enzyme_fwddiff(ptr noundef, ...) local_unnamed_addr #4

attributes #0 = { noinline nounwind }
attributes #1 = { nounwind }
attributes #2 = { nounwind }
attributes #3 = { nounwind }
attributes #4 = { nounwind }
attributes #5 = { nounwind }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!4, !5, !6, !7, !8, !9, !10}

!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "Debian clang version 22.1.8 (1~deb12u1)", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug, retainedTypes: !2, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "t.c", directory: "/tmp/dbg", checksumkind: CSK_MD5, checksum: "60ac56ddba347eb8ae2cee7e1df186aa")
!2 = !{!3}
!3 = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: null, size: 64)
!4 = !{i32 7, !"Dwarf Version", i32 5}
!5 = !{i32 2, !"Debug Info Version", i32 3}
!6 = !{i32 1, !"wchar_size", i32 4}
!7 = !{i32 8, !"PIC Level", i32 2}
!8 = !{i32 7, !"PIE Level", i32 2}
!9 = !{i32 7, !"uwtable", i32 2}
!10 = !{i32 7, !"debug-info-assignment-tracking", i1 true}
!12 = !{!13, !13, i64 0}
!13 = !{!"int", !14, i64 0}
!14 = !{!"omnipotent char", !15, i64 0}
!15 = !{!"Simple C/C++ TBAA"}
!16 = distinct !DISubprogram(name: "f", scope: !1, file: !1, line: 5, type: !17, scopeLine: 5, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !23, keyInstructions: true)
!17 = !DISubroutineType(types: !18)
!18 = !{!19, !20, !22}
!19 = !DIBasicType(name: "double", size: 64, encoding: DW_ATE_float)
!20 = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: !21, size: 64)
!21 = !DIDerivedType(tag: DW_TAG_const_type, baseType: !19)
!22 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!23 = !{!24, !25, !26, !27}
!24 = !DILocalVariable(name: "x", arg: 1, scope: !16, file: !1, line: 5, type: !20)
!25 = !DILocalVariable(name: "n", arg: 2, scope: !16, file: !1, line: 5, type: !22)
!26 = !DILocalVariable(name: "s", scope: !16, file: !1, line: 6, type: !19)
!27 = !DILocalVariable(name: "i", scope: !28, file: !1, line: 7, type: !22)
!28 = distinct !DILexicalBlock(scope: !16, file: !1, line: 7)
!29 = !DILocation(line: 0, scope: !16)
!30 = !DILocation(line: 0, scope: !28)
!31 = !DILocation(line: 7, scope: !32, atomGroup: 11, atomRank: 1)
!32 = distinct !DILexicalBlock(scope: !28, file: !1, line: 7)
!33 = !DILocation(line: 7, scope: !28, atomGroup: 12, atomRank: 1)
!34 = !DILocation(line: 7, scope: !32, atomGroup: 3, atomRank: 1)
!35 = !DILocation(line: 7, scope: !28)
!36 = !DILocation(line: 1, scope: !37)
!37 = !DILexicalBlockFile(scope: !16, file: !38, discriminator: 0)
!38 = !DIFile(filename: "./body.inc", directory: "/tmp/dbg", checksumkind: CSK_MD5, checksum: "99fd6bb2c88e31fa7b5ed45754f0369f")
!39 = !DILocation(line: 1, scope: !37, atomGroup: 8, atomRank: 2)
!40 = !DILocation(line: 10, scope: !41, atomGroup: 10, atomRank: 1)
!41 = !DILexicalBlockFile(scope: !16, file: !1, discriminator: 0)
!42 = !DILocation(line: 8, scope: !32)
!43 = !{!44, !44, i64 0}
!44 = !{!"double", !14, i64 0}
!45 = !DILocalVariable(name: "x", arg: 1, scope: !46, file: !1, line: 4, type: !19)
!46 = distinct !DISubprogram(name: "sq", scope: !1, file: !1, line: 4, type: !47, scopeLine: 4, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagLocalToUnit | DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !49, keyInstructions: true)
!47 = !DISubroutineType(types: !48)
!48 = !{!19, !19}
!49 = !{!45}
!50 = !DILocation(line: 0, scope: !46, inlinedAt: !51)
!51 = distinct !DILocation(line: 8, scope: !32)
!52 = !DILocation(line: 4, scope: !46, inlinedAt: !51, atomGroup: 1, atomRank: 2)
!53 = !DILocation(line: 8, scope: !32, atomGroup: 5, atomRank: 2)
!54 = !DILocation(line: 7, scope: !32, atomGroup: 6, atomRank: 2)
!55 = !DILocation(line: 7, scope: !28, atomGroup: 4, atomRank: 1)
!56 = distinct !{!56, !35, !57, !58, !59}
!57 = !DILocation(line: 8, scope: !28)
!58 = !{!"llvm.loop.mustprogress"}
!59 = !{!"llvm.loop.unroll.disable"}
!60 = !DISubprogram(name: "sin", scope: !61, file: !61, line: 64, type: !47, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized)
!61 = !DIFile(filename: "/usr/include/x86_64-linux-gnu/bits/mathcalls.h", directory: "", checksumkind: CSK_MD5, checksum: "8c6e2d0d2bda65bc5ba1ca02b65383b7")
!62 = distinct !DISubprogram(name: "g", scope: !1, file: !1, line: 12, type: !63, scopeLine: 12, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !66, keyInstructions: true)
!63 = !DISubroutineType(types: !64)
!64 = !{null, !20, !65, !22}
!65 = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: !19, size: 64)
!66 = !{!67, !68, !69}
!67 = !DILocalVariable(name: "x", arg: 1, scope: !62, file: !1, line: 12, type: !20)
!68 = !DILocalVariable(name: "dx", arg: 2, scope: !62, file: !1, line: 12, type: !65)
!69 = !DILocalVariable(name: "n", arg: 3, scope: !62, file: !1, line: 12, type: !22)
!70 = !DILocation(line: 0, scope: !62)
!71 = !DILocation(line: 12, scope: !62)
!72 = !DILocation(line: 12, scope: !62, atomGroup: 1, atomRank: 1)
!73 = !DISubprogram(name: "__enzyme_autodiff", scope: !1, file: !1, line: 2, type: !74, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized)
!74 = !DISubroutineType(types: !75)
!75 = !{!19, !3, null}
!76 = distinct !DISubprogram(name: "h", scope: !1, file: !1, line: 13, type: !77, scopeLine: 13, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !79, keyInstructions: true)
!77 = !DISubroutineType(types: !78)
!78 = !{!19, !20, !20, !22}
!79 = !{!80, !81, !82}
!80 = !DILocalVariable(name: "x", arg: 1, scope: !76, file: !1, line: 13, type: !20)
!81 = !DILocalVariable(name: "dx", arg: 2, scope: !76, file: !1, line: 13, type: !20)
!82 = !DILocalVariable(name: "n", arg: 3, scope: !76, file: !1, line: 13, type: !22)
!83 = !DILocation(line: 0, scope: !76)
!84 = !DILocation(line: 13, scope: !76, atomGroup: 1, atomRank: 2)
!85 = !DILocation(line: 13, scope: !76, atomGroup: 1, atomRank: 1)
!86 = !DISubprogram(name: "__enzyme_fwddiff", scope: !1, file: !1, line: 3, type: !74, flags: DIFlagPrototyped, spFlags: DISPFlagOptimized)
