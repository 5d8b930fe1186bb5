; --vector-library=libmvec: a vector intrinsic of a width the target has a variant of
; (llvm.tanh.v2f64 on SSE2, what clang's vectorizer makes of tanh without a variant, and code
; generation would split into scalar calls) becomes the call of the variant, at the intrinsic's
; line; one of a width without a variant (llvm.tanh.v4f64 without AVX) stays.
; RUN: %swad-opt --vector-library=libmvec --passes=verify %s -S | FileCheck %s

; CHECK-LABEL: define void @layer(
; CHECK:         %[[T:.+]] = call <2 x double> @_ZGVbN2v_tanh(<2 x double> %z), !dbg ![[LINE:[0-9]+]]
; CHECK-NEXT:    store <2 x double> %[[T]], ptr %h
; CHECK-NEXT:    %wide = {{.*}}call <4 x double> @llvm.tanh.v4f64(<4 x double> %w), !dbg
; CHECK:         ![[LINE]] = !DILocation(line: 3,

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @layer(<2 x double> %z, <4 x double> %w, ptr %h) #0 !dbg !5 {
  %t = call <2 x double> @llvm.tanh.v2f64(<2 x double> %z), !dbg !8
  store <2 x double> %t, ptr %h
  %wide = call <4 x double> @llvm.tanh.v4f64(<4 x double> %w), !dbg !9
  %h4 = getelementptr i8, ptr %h, i64 16
  store <4 x double> %wide, ptr %h4
  ret void
}

declare <2 x double> @llvm.tanh.v2f64(<2 x double>)
declare <4 x double> @llvm.tanh.v4f64(<4 x double>)

attributes #0 = { "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}
!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "layer.c", directory: "/tmp")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 7, !"Dwarf Version", i32 5}
!5 = distinct !DISubprogram(name: "layer", scope: !1, file: !1, line: 1, type: !6, scopeLine: 1, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{null}
!8 = !DILocation(line: 3, column: 12, scope: !5)
!9 = !DILocation(line: 4, column: 12, scope: !5)
