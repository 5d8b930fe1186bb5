; RUN: not %swad-opt %s -O0 --pre-passes '' -o /dev/null 2>&1 | FileCheck %s
; Records `{int header; double value}` packed at 12-byte steps in a byte buffer, copied whole with a
; length known only at run time: nothing lays the copy out but the memory's first access, a double,
; and moved back as doubles from the copy's start, each value's adjoint was split across two (the
; gradient was garbage, silently). A copy of run-time length whose floating-point values lie at
; offsets from its start that are no multiples of their size is an error naming it.

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define double @f(ptr %x, i64 %bytes) {
entry:
  %buf = alloca [64 x i8], align 16
  %cp = alloca [64 x i8], align 16
  %x0 = load double, ptr %x, align 8
  %at = getelementptr inbounds i8, ptr %buf, i64 4
  store double %x0, ptr %at, align 4
  call void @llvm.memcpy.p0.p0.i64(ptr align 16 %cp, ptr align 16 %buf, i64 %bytes, i1 false), !dbg !13
  %from = getelementptr inbounds i8, ptr %cp, i64 4
  %v = load double, ptr %from, align 4
  %s = fmul double %v, %v
  ret double %s
}

define void @caller(ptr %x, ptr %dx, i64 %bytes) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx, i64 %bytes)
  ret void
}

!llvm.dbg.cu = !{!5}
!llvm.module.flags = !{!9}
!5 = distinct !DICompileUnit(language: DW_LANG_C11, file: !6, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!6 = !DIFile(filename: "pack.c", directory: "/src")
!9 = !{i32 2, !"Debug Info Version", i32 3}
!10 = distinct !DISubprogram(name: "f", scope: !6, file: !6, line: 3, type: !11, scopeLine: 3, spFlags: DISPFlagDefinition, unit: !5)
!11 = !DISubroutineType(types: !12)
!12 = !{null}
!13 = !DILocation(line: 6, column: 3, scope: !10)

; CHECK: swad-opt: error: pack.c:6:3: in function 'f': cannot differentiate in reverse mode this copy of run-time length whose floating-point values lie at offsets from its start that are not multiples of their size
