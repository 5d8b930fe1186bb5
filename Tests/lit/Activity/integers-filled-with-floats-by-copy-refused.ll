; RUN: not %swad-opt %s -O0 --pre-passes '' -o /dev/null 2>&1 | FileCheck %s
; Doubles copied into a `uint64_t` array (`memcpy(bits, x, 8 * n)`), moved as integers into another
; one (`b2[i] = bits[n - 1 - i]`, tagged `long`), and copied back to doubles. The integer arrays
; declare integers, so their loads and stores were genuine integer copies: their shadows mirrored the
; values, forward mode gave the values themselves as tangents and reverse mode lost the adjoints
; (silently). An integer load of a local integer array that a copy filled from floating-point data
; (here a parameter every caller passes an array of doubles), whose bits move on, is an error naming
; it.

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define double @f(ptr %x, i64 %n) !dbg !10 {
entry:
  %bits = alloca [8 x i64], align 16
  %b2 = alloca [8 x i64], align 16
  %out = alloca [8 x double], align 16
  %bytes = shl i64 %n, 3
  call void @llvm.memcpy.p0.p0.i64(ptr align 16 %bits, ptr align 8 %x, i64 %bytes, i1 false)
  %word = load i64, ptr %bits, align 16, !tbaa !3, !dbg !13
  store i64 %word, ptr %b2, align 16, !tbaa !3
  call void @llvm.memcpy.p0.p0.i64(ptr align 16 %out, ptr align 16 %b2, i64 %bytes, i1 false)
  %v = load double, ptr %out, align 16
  %s = fmul double %v, %v
  ret double %s
}

define void @caller(ptr %dx, i64 %n) {
entry:
  %x = alloca [8 x double], align 16
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx, i64 %n)
  %value = call double @f(ptr %x, i64 %n)
  ret void
}

!llvm.dbg.cu = !{!5}
!llvm.module.flags = !{!9}

!0 = !{!"Simple C++ TBAA"}
!1 = !{!"omnipotent char", !0, i64 0}
!2 = !{!"long", !1, i64 0}
!3 = !{!2, !2, i64 0}
!5 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !6, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!6 = !DIFile(filename: "words.cpp", directory: "/src")
!9 = !{i32 2, !"Debug Info Version", i32 3}
!10 = distinct !DISubprogram(name: "f", scope: !6, file: !6, line: 3, type: !11, scopeLine: 3, spFlags: DISPFlagDefinition, unit: !5)
!11 = !DISubroutineType(types: !12)
!12 = !{null}
!13 = !DILocation(line: 6, column: 34, scope: !10)

; CHECK: swad-opt: error: words.cpp:6:34: in function 'f': an integer array that a copy filled with floating-point data is loaded as an integer here, and the integer reaches a store to memory
