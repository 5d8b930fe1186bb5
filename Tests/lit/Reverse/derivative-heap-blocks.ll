; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; The C heap blocks code AD made allocates and frees for the primal go through the thread's kept
; blocks, as shadows do (SwadAD/Support/DerivativeHeapBlocks.swift): in a gradient and in a
; tangent, malloc becomes @swad.block.alloc with malloc's alignment and free @swad.block.release,
; at the same source line. The user's function keeps its calls, and so do swad's own routines.
declare double @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)
declare ptr @malloc(i64)
declare void @free(ptr)

; x² through a heap cell, with debug locations.
define double @f(double %x) !dbg !5 {
entry:
  %t = call ptr @malloc(i64 8), !dbg !8
  %sq = fmul double %x, %x
  store double %sq, ptr %t, align 8
  %v = load double, ptr %t, align 8
  call void @free(ptr %t), !dbg !9
  ret double %v
}

define double @grad(double %x) {
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %g
}

define double @tangent(double %x) {
  %g = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double 1.0)
  ret double %g
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}
!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "cell.c", directory: "/tmp")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 7, !"Dwarf Version", i32 5}
!5 = distinct !DISubprogram(name: "f", scope: !1, file: !1, line: 3, type: !6, scopeLine: 3, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{}
!8 = !DILocation(line: 4, column: 15, scope: !5)
!9 = !DILocation(line: 7, column: 3, scope: !5)

; CHECK-LABEL: define double @f(
; CHECK: %t = call ptr @malloc(i64 8), !dbg [[ALLOCLINE:![0-9]+]]
; CHECK: call void @free(ptr %t), !dbg [[FREELINE:![0-9]+]]

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: %t = call ptr @swad.block.alloc(i64 8, i64 16), !dbg [[AUGALLOC:![0-9]+]]
; CHECK-NEXT: %"'t" = call ptr @swad.block.alloc(i64 8, i64 16)
; CHECK-NOT: @malloc(
; CHECK-NOT: @free(
; CHECK: ret double

; The primal's release, deferred to the reverse of its allocation (line 4).
; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; CHECK: call void @swad.block.release(ptr {{%.*}}), !dbg [[REVFREE:![0-9]+]]
; CHECK-NOT: @free(
; CHECK: ret { double }

; CHECK-LABEL: define internal ptr @swad.tape.grow(
; CHECK-LABEL: define internal void @swad.tape.free(
; CHECK: call void @free(ptr %base)

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK: %t = call ptr @swad.block.alloc(i64 8, i64 16), !dbg [[FWDALLOC:![0-9]+]]
; CHECK-NEXT: %"'t" = call ptr @swad.block.alloc(i64 8, i64 16)
; CHECK: call void @swad.block.release(ptr %t), !dbg [[FWDFREE:![0-9]+]]
; CHECK-NEXT: call void @swad.block.release(ptr %"'t")
; CHECK-NOT: @malloc(
; CHECK-NOT: @free(
; CHECK: ret { double, double }

; CHECK-DAG: [[AUGALLOC]] = !DILocation(line: 4, column: 15,
; CHECK-DAG: [[REVFREE]] = !DILocation(line: 4, column: 15,
; CHECK-DAG: [[FWDALLOC]] = !DILocation(line: 4, column: 15,
; CHECK-DAG: [[FWDFREE]] = !DILocation(line: 7, column: 3,
