; The tape's bookkeeping has the location of the block it belongs to, where that block ends: the
; loop's per-iteration push and its reverse (the array's pop on entering the reverse loop, the
; counter stepped back) at the loop's branch (line 2, column 24), the once-per-call push at the
; return (line 4). A profile charges them to that loop, not to line 0.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define internal double @augmented_sum_sin_squares(
; CHECK: call ptr @swad.tape.reserve(ptr %tape, i64 8), !dbg ![[FWD_LATCH:[0-9]+]]
; CHECK: call ptr @swad.tape.reserve(ptr %tape, i64 16), !dbg ![[FWD_RETURN:[0-9]+]]

; CHECK-LABEL: define internal void @diffe_reverse_sum_sin_squares(
; CHECK: store i64 %{{[0-9]+}}, ptr %loop, align 4, !dbg ![[REV_LATCH:[0-9]+]]
; CHECK: call ptr @swad.tape.pop(ptr %tape, i64 %{{[0-9]+}}), !dbg ![[REV_LATCH]]
; CHECK: %[[STEP:[0-9]+]] = sub i64 %{{[0-9]+}}, 1, !dbg ![[REV_LATCH]]
; CHECK-NEXT: store i64 %[[STEP]], ptr %loop, align 4, !dbg ![[REV_LATCH]]

; CHECK: ![[AUG:[0-9]+]] = distinct !DISubprogram(name: "augmented_sum_sin_squares"
; CHECK: ![[FWD_LATCH]] = !DILocation(line: 2, column: 24, scope: ![[AUG]])
; CHECK: ![[FWD_RETURN]] = !DILocation(line: 4, column: 3, scope: ![[AUG]])
; CHECK: ![[REV:[0-9]+]] = distinct !DISubprogram(name: "diffe_reverse_sum_sin_squares"
; CHECK: ![[REV_LATCH]] = !DILocation(line: 2, column: 24, scope: ![[REV]])

declare double @sin(double)
declare double @__enzyme_autodiff(ptr, ...)

define double @sum_sin_squares(ptr %x, i64 %n) !dbg !5 {
entry:
  br label %loop, !dbg !8
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %sum = phi double [ 0.0, %entry ], [ %sum.next, %loop ]
  %at = getelementptr double, ptr %x, i64 %i, !dbg !9
  %xi = load double, ptr %at, !dbg !9
  %sin = call double @sin(double %xi), !dbg !9
  %square = fmul double %sin, %sin, !dbg !9
  %sum.next = fadd double %sum, %square, !dbg !9
  %next = add i64 %i, 1, !dbg !10
  %more = icmp ult i64 %next, %n, !dbg !10
  br i1 %more, label %loop, label %exit, !dbg !10
exit:
  ret double %sum.next, !dbg !11
}

define void @caller(ptr %x, ptr %dx, i64 %n) {
  call double (ptr, ...) @__enzyme_autodiff(ptr @sum_sin_squares, metadata !"enzyme_dup", ptr %x, ptr %dx, metadata !"enzyme_const", i64 %n)
  ret void
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}
!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "sum.c", directory: "/tmp")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 7, !"Dwarf Version", i32 5}
!5 = distinct !DISubprogram(name: "sum_sin_squares", scope: !1, file: !1, line: 1, type: !6, scopeLine: 1, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{null}
!8 = !DILocation(line: 2, column: 3, scope: !5)
!9 = !DILocation(line: 3, column: 10, scope: !5)
!10 = !DILocation(line: 2, column: 24, scope: !5)
!11 = !DILocation(line: 4, column: 3, scope: !5)
