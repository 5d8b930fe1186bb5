; RUN: not %swad-opt %s -O0 --pre-passes '' -o /dev/null 2>&1 | FileCheck %s
; A value with a derivative shifted by a rounding constant (2^52) and used otherwise than by the
; subtraction that completes the rounding: swad cannot tell the rounding's derivative (0) from the
; identity's (1) there, so it says so instead of guessing.

declare double @__enzyme_autodiff(ptr, ...)

define double @shifted(double %x) !dbg !5 {
entry:
  %s = fadd double %x, 0x4330000000000000, !dbg !8
  %t = fmul double %s, %x
  ret double %t
}

define double @caller(double %x) {
entry:
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @shifted, double %x)
  ret double %g
}

; CHECK: error: round.c:3:14: in function 'shifted': a value with a derivative is shifted by a rounding constant
; CHECK-SAME: and not shifted back

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3}
!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "round.c", directory: "/tmp")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!5 = distinct !DISubprogram(name: "shifted", scope: !1, file: !1, line: 2, type: !6, scopeLine: 2, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{}
!8 = !DILocation(line: 3, column: 14, scope: !5)
