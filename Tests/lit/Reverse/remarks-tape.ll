; RUN: %swad-opt %s --pre-passes '' --passes '' -o /dev/null --print-remarks 2>&1 | FileCheck %s
; --print-remarks says what the tape holds, per derivative: the bytes kept once per call and the
; bytes pushed each time a block runs (per iteration in a loop), naming the values, what made them
; and where, then what the reverse sweep makes itself instead of keeping it. Here sin(x[i]) is saved
; every iteration (its cosine partner is recomputed from x[i], which is reloaded: the function never
; overwrites it); once per call, the shadow of x and the counter's last value, from which the reverse
; loop steps i back; the address of x[i] and of its shadow are recomputed.

declare double @sin(double)
declare double @__enzyme_autodiff(ptr, ...)

define double @sum_sin_squares(ptr %x, i64 %n) !dbg !5 {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %sum = phi double [ 0.0, %entry ], [ %sum.next, %loop ]
  %at = getelementptr double, ptr %x, i64 %i
  %xi = load double, ptr %at
  %sin = call double @sin(double %xi), !dbg !9
  %square = fmul double %sin, %sin
  %sum.next = fadd double %sum, %square
  %next = add i64 %i, 1
  %more = icmp ult i64 %next, %n
  br i1 %more, label %loop, label %exit
exit:
  ret double %sum.next
}

; CHECK: remark: synthesized diffesum_sin_squares for sum_sin_squares
; CHECK: remark: sum_sin_squares: the tape keeps 16 bytes per call: the shadow of %x, %i (phi)
; CHECK: remark: sum_sin_squares: the tape keeps 8 bytes each time block %loop at remarks.c:3 runs (in a loop of depth 1: per iteration, an array indexed by the iteration, pushed element by element): %sin (call, remarks.c:3)
; CHECK: remark: sum_sin_squares: recomputed by the reverse sweep instead of kept: %at (getelementptr), the shadow of %at (getelementptr)
; CHECK: remark: sum_sin_squares: reloaded by the reverse sweep instead of kept (memory nothing writes after the forward sweep reads it): %xi (load)
; CHECK: remark: sum_sin_squares: stepped back by the reverse sweep's loop counters instead of kept: %i (phi)
; With debug info, no advice to compile with -g.
; CHECK-NOT: compile with -g

define void @caller(ptr %x, ptr %dx, i64 %n) {
  call double (ptr, ...) @__enzyme_autodiff(ptr @sum_sin_squares, metadata !"enzyme_dup", ptr %x, ptr %dx, metadata !"enzyme_const", i64 %n)
  ret void
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}
!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "remarks.c", directory: "/tmp")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 7, !"Dwarf Version", i32 5}
!5 = distinct !DISubprogram(name: "sum_sin_squares", scope: !1, file: !1, line: 1, type: !6, scopeLine: 1, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{null}
!9 = !DILocation(line: 3, column: 10, scope: !5)
