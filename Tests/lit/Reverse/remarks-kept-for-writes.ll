; RUN: %swad-opt %s --pre-passes '' --passes '' -o /dev/null --print-remarks 2>&1 | FileCheck %s
; --print-remarks says why loads are kept on the tape rather than loaded again by the reverse sweep:
; the first write that may change their memory, or the pointer they are loaded through, grouped by
; that write, with its source line.
;  - @scale_into: y[i] = w[i] * x[i], the three plain pointers: the store to y[i] may write w and x
;    for all swad can tell, so w[i] and x[i] are kept, because of that store.
;  - @through_struct: s->data[i] squared into out[i]: the store to out[i] may write the struct,
;    so the pointer s->data and what is loaded through it are kept, because of that store, the first;
;    the store to out[1] after it is not named.
;  - @no_writes: y read only: nothing kept for a write, and no such remark.

declare double @__enzyme_autodiff(ptr, ...)

define void @scale_into(ptr %w, ptr %x, ptr %y, i64 %n) !dbg !5 {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %w.i = getelementptr double, ptr %w, i64 %i
  %wi = load double, ptr %w.i, !dbg !8
  %x.i = getelementptr double, ptr %x, i64 %i
  %xi = load double, ptr %x.i, !dbg !8
  %p = fmul double %wi, %xi
  %y.i = getelementptr double, ptr %y, i64 %i
  store double %p, ptr %y.i, !dbg !9
  %next = add i64 %i, 1
  %more = icmp ult i64 %next, %n
  br i1 %more, label %loop, label %exit
exit:
  ret void
}

; CHECK-LABEL: remark: scale_into: the tape keeps
; CHECK: remark: scale_into: kept, not loaded again, because a write may change their memory or the pointer they are loaded through, for all swad can tell: %wi (load, kept.c:4), %xi (load, kept.c:4), by the store at kept.c:5{{$}}

%struct.Vec = type { ptr, i64 }

define void @through_struct(ptr %s, ptr %out) !dbg !10 {
entry:
  %data = load ptr, ptr %s, !dbg !11
  %d0 = load double, ptr %data, !dbg !11
  %sq = fmul double %d0, %d0
  store double %sq, ptr %out, !dbg !12
  %out.1 = getelementptr double, ptr %out, i64 1
  store double %d0, ptr %out.1, !dbg !13
  ret void
}

; CHECK-LABEL: remark: through_struct: the tape keeps
; CHECK: remark: through_struct: kept, not loaded again, because a write may change their memory or the pointer they are loaded through, for all swad can tell: {{.*}}%d0 (load, kept.c:11){{.*}}, by the store at kept.c:12{{$}}

define double @no_writes(ptr %y) {
  %y0 = load double, ptr %y
  %sq = fmul double %y0, %y0
  ret double %sq
}

; CHECK-LABEL: remark: no_writes: the tape keeps
; CHECK-NOT: no_writes: kept, not loaded again

define void @caller(ptr %w, ptr %dw, ptr %x, ptr %dx, ptr %y, ptr %dy, i64 %n, ptr %s, ptr %ds, ptr %out, ptr %dout) {
  call double (ptr, ...) @__enzyme_autodiff(ptr @scale_into, metadata !"enzyme_dup", ptr %w, ptr %dw, metadata !"enzyme_dup", ptr %x, ptr %dx, metadata !"enzyme_dup", ptr %y, ptr %dy, metadata !"enzyme_const", i64 %n)
  call double (ptr, ...) @__enzyme_autodiff(ptr @through_struct, metadata !"enzyme_dup", ptr %s, ptr %ds, metadata !"enzyme_dup", ptr %out, ptr %dout)
  call double (ptr, ...) @__enzyme_autodiff(ptr @no_writes, metadata !"enzyme_dup", ptr %y, ptr %dy)
  ret void
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}
!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "kept.c", directory: "/tmp")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 7, !"Dwarf Version", i32 5}
!5 = distinct !DISubprogram(name: "scale_into", scope: !1, file: !1, line: 1, type: !6, scopeLine: 1, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{null}
!8 = !DILocation(line: 4, column: 10, scope: !5)
!9 = !DILocation(line: 5, column: 10, scope: !5)
!10 = distinct !DISubprogram(name: "through_struct", scope: !1, file: !1, line: 9, type: !6, scopeLine: 9, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!11 = !DILocation(line: 11, column: 10, scope: !10)
!12 = !DILocation(line: 12, column: 10, scope: !10)
!13 = !DILocation(line: 13, column: 3, scope: !10)
