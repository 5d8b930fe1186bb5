; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; RUN: sed 's/__enzyme_autodiff(ptr @run, double %x,/__enzyme_fwddiff(ptr @run, double %x, double 1.0,/' %s | not %swad-opt - -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; A computed goto (an interpreter's `goto *table[op]`, LLVM's indirectbr) jumps to the block address
; of a label of the original function: the derivative's blocks have other addresses, and the tangent
; was garbage, the reverse sweep crashed. Both modes refuse it, naming the goto.

declare double @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)

@table = internal constant [2 x ptr] [ptr blockaddress(@run, %square), ptr blockaddress(@run, %twice)]

define double @run(double %x, i32 %op) !dbg !3 {
entry:
  %slot = getelementptr [2 x ptr], ptr @table, i32 0, i32 %op
  %target = load ptr, ptr %slot
  indirectbr ptr %target, [label %square, label %twice], !dbg !5
square:
  %s = fmul double %x, %x
  ret double %s
twice:
  %t = fmul double %x, 2.0
  ret double %t
}

define double @gradient(double %x) {
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @run, double %x, i32 0)
  ret double %d
}

; CHECK: error: interp.c:25:3: in function 'run': cannot differentiate a computed goto (`goto *address`, an indirectbr)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}
!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, emissionKind: FullDebug)
!1 = !DIFile(filename: "interp.c", directory: "/src")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = distinct !DISubprogram(name: "run", scope: !1, file: !1, line: 20, unit: !0, spFlags: DISPFlagDefinition)
!5 = !DILocation(line: 25, column: 3, scope: !3)
