; RUN: not %swad-opt %s -O0 --pre-passes '' -o /dev/null 2>&1 | FileCheck %s
; The heap version of integers-filled-with-floats-by-copy-refused.ll, as a radix sort of doubles by
; their bits writes it: the keys copied into a `malloc`'d `uint64_t` block, moved as integers
; (tagged `long`) into a second block, the two swapped after each pass (the loads read from a phi
; of both), and copied back to doubles. Forward mode gave the values as tangents, reverse mode
; lost the adjoints, silently. An integer load of a heap block of the function's own, read as
; integers only and filled by a copy from floating-point data, whose bits move on, is an error.

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare ptr @malloc(i64)
declare void @free(ptr)

define double @f(ptr %x, i64 %n) !dbg !10 {
entry:
  %bytes = shl i64 %n, 3
  %keys = call ptr @malloc(i64 %bytes)
  %spare = call ptr @malloc(i64 %bytes)
  %out = alloca [8 x double], align 16
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %keys, ptr align 8 %x, i64 %bytes, i1 false)
  br label %pass
pass:
  %pass.i = phi i64 [ 0, %entry ], [ %pass.next, %pass ]
  %from = phi ptr [ %keys, %entry ], [ %to, %pass ]
  %to = phi ptr [ %spare, %entry ], [ %from, %pass ]
  %word = load i64, ptr %from, align 8, !tbaa !3, !dbg !13
  store i64 %word, ptr %to, align 8, !tbaa !3
  %pass.next = add i64 %pass.i, 1
  %done = icmp eq i64 %pass.next, 8
  br i1 %done, label %exit, label %pass
exit:
  call void @llvm.memcpy.p0.p0.i64(ptr align 16 %out, ptr align 8 %to, i64 %bytes, i1 false)
  call void @free(ptr %keys)
  call void @free(ptr %spare)
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

!0 = !{!"Simple C/C++ TBAA"}
!1 = !{!"omnipotent char", !0, i64 0}
!2 = !{!"long", !1, i64 0}
!3 = !{!2, !2, i64 0}
!5 = distinct !DICompileUnit(language: DW_LANG_C99, file: !6, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!6 = !DIFile(filename: "radix.c", directory: "/src")
!9 = !{i32 2, !"Debug Info Version", i32 3}
!10 = distinct !DISubprogram(name: "f", scope: !6, file: !6, line: 3, type: !11, scopeLine: 3, spFlags: DISPFlagDefinition, unit: !5)
!11 = !DISubroutineType(types: !12)
!12 = !{null}
!13 = !DILocation(line: 9, column: 27, scope: !10)

; CHECK: swad-opt: error: radix.c:9:27: in function 'f': an integer array that a copy filled with floating-point data is loaded as an integer here, and the integer reaches a store to memory
