; RUN: not %swad-opt %s -O0 --pre-passes '' -o /dev/null 2>&1 | FileCheck %s
; A phi of a double's bits, loaded as an i64 tagged `double`, and of bits loaded with no tag and
; counted on as an integer too, stored. The untagged bits say nothing of what they hold (an integer
; the program keeps in memory also read as floats, perhaps): the phi is not made a double
; (Types/stored-choices-of-float-bits.ll), which would take their shadow for a derivative. The load's bits reaching memory as an integer lose x's derivative; before,
; silently (0 in both modes), now an error naming the load.

@enzyme_dup = external global i32
@enzyme_const = external global i32

declare double @__enzyme_fwddiff(ptr, ...)

define void @f(ptr %x, ptr %out, i1 %isdouble, ptr %words, ptr %count) !dbg !10 {
entry:
  br i1 %isdouble, label %double, label %other
double:
  %bits = load i64, ptr %x, align 8, !tbaa !3, !dbg !13
  br label %join
other:
  %word = load i64, ptr %words, align 8
  %next = add i64 %word, 1
  store i64 %next, ptr %count, align 8
  br label %join
join:
  %u = phi i64 [ %bits, %double ], [ %word, %other ]
  store i64 %u, ptr %out, align 8
  ret void
}

define void @caller(ptr %x, ptr %dx, ptr %out, ptr %dout, i1 %c, ptr %w, ptr %n) {
entry:
  %cst = load i32, ptr @enzyme_const
  %dup = load i32, ptr @enzyme_dup
  call double (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %dup, ptr %x, ptr %dx, i32 %dup, ptr %out, ptr %dout, i32 %cst, i1 %c, i32 %cst, ptr %w, i32 %cst, ptr %n)
  ret void
}

!llvm.dbg.cu = !{!5}
!llvm.module.flags = !{!9}

!0 = !{!"Simple C++ TBAA"}
!1 = !{!"omnipotent char", !0, i64 0}
!2 = !{!"double", !1, i64 0}
!3 = !{!2, !2, i64 0}
!5 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !6, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!6 = !DIFile(filename: "union.cpp", directory: "/src")
!9 = !{i32 2, !"Debug Info Version", i32 3}
!10 = distinct !DISubprogram(name: "f", scope: !6, file: !6, line: 3, type: !11, scopeLine: 3, spFlags: DISPFlagDefinition, unit: !5)
!11 = !DISubroutineType(types: !12)
!12 = !{null}
!13 = !DILocation(line: 7, column: 15, scope: !10)

; CHECK: swad-opt: error: union.cpp:7:15: in function 'f': floating-point memory (its type tag says so) is loaded as an integer here, and the integer reaches a store to memory
