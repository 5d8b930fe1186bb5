; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A `double complex` passed by value is two double parameters on x86-64 (its debug type, one complex
; argument, says so), and two values in the variadic call: `enzyme_dup, z, dz` is z's two halves,
; then dz's. The marker stands for the source argument: each half gets its value and, from dz, its
; tangent. Read one IR parameter at a time, the real part got the imaginary part as its tangent.

; CHECK-LABEL: define double @tangent(
; CHECK: call { double, double } @fwddiffef(double %re, double %dre, double %im, double %dim)

target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external global i32
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %a, double %b) !dbg !5 {
  %aa = fmul double %a, %a
  %bb = fmul double %b, %b
  %r = fsub double %aa, %bb
  ret double %r
}

define double @tangent(double %re, double %im, double %dre, double %dim) {
  %d = load i32, ptr @enzyme_dup
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %d, double %re, double %im, double %dre, double %dim)
  ret double %t
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}
!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "s.c", directory: "/tmp")
!3 = !{i32 7, !"Dwarf Version", i32 5}
!4 = !{i32 2, !"Debug Info Version", i32 3}
!5 = distinct !DISubprogram(name: "f", scope: !1, file: !1, line: 4, type: !6, scopeLine: 4, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{!8, !9}
!8 = !DIBasicType(name: "double", size: 64, encoding: DW_ATE_float)
!9 = !DIBasicType(name: "complex", size: 128, encoding: DW_ATE_complex_float)
