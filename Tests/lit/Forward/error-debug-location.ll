; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; An error at an instruction with a debug location names the file, line and column.

declare double @mystery(double)
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x) !dbg !5 {
entry:
  %r = call double @mystery(double %x), !dbg !8
  ret double %r, !dbg !9
}

define double @caller(double %x, double %dx) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx)
  ret double %t
}

; CHECK: swad-opt: error: model.c:42:7: in function 'f': cannot differentiate a call of 'mystery'

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}

!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "hand-written", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "model.c", directory: "/src")
!2 = !DISubroutineType(types: !{})
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 7, !"Dwarf Version", i32 5}
!5 = distinct !DISubprogram(name: "f", scope: !1, file: !1, line: 40, type: !2, scopeLine: 40, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!8 = !DILocation(line: 42, column: 7, scope: !5)
!9 = !DILocation(line: 43, column: 3, scope: !5)
