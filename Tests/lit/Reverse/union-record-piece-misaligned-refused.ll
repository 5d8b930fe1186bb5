; RUN: not %swad-opt --pre-passes '' %s -o /dev/null 2>&1 | FileCheck %s
; `{int group; std::variant<double, {int k; double a; double b}>}` records, whose union is declared
; by its larger member: the first alternative keeps its double at byte 8, the second its doubles at
; 16 and 24. SROA's piece of a record after `group`, 4-byte aligned, is copied as 28 bytes: no
; 8-byte word of the copy starts where a double does, so its words cannot be told apart when the
; reverse runs, and laid out by the second alternative's accesses the first one's adjoint was lost
; (a `std::stable_sort` of such records, silently wrong). The copy stops with an error naming it.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"

%struct.IDD = type { i32, double, double }
%union.V = type { %struct.IDD }
%struct.Rec = type { i32, %union.V }

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define double @f(ptr %x) !dbg !5 {
entry:
  %a = alloca %struct.Rec, align 8
  %b = alloca %struct.Rec, align 8
  %x0 = load double, ptr %x, align 8
  %d.at = getelementptr inbounds i8, ptr %a, i64 8
  store double %x0, ptr %d.at, align 8
  %from = getelementptr inbounds i8, ptr %a, i64 4
  %to = getelementptr inbounds i8, ptr %b, i64 4
  call void @llvm.memcpy.p0.p0.i64(ptr align 4 %to, ptr align 4 %from, i64 28, i1 false), !dbg !8
  %b.at = getelementptr inbounds i8, ptr %b, i64 16
  %moved = load double, ptr %b.at, align 8
  %r = fmul double %moved, %x0
  ret double %r
}

define void @caller(ptr %x, ptr %dx) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx)
  ret void
}

!llvm.module.flags = !{!0}
!llvm.dbg.cu = !{!1}
!0 = !{i32 2, !"Debug Info Version", i32 3}
!1 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !2, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!2 = !DIFile(filename: "sort.cpp", directory: "/tmp")
!3 = !DISubroutineType(types: !4)
!4 = !{}
!5 = distinct !DISubprogram(name: "f", scope: !2, file: !2, line: 3, type: !3, scopeLine: 3, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !1)
!8 = !DILocation(line: 7, column: 5, scope: !5)

; CHECK: error: sort.cpp:7:5: in function 'f'
; CHECK-SAME: cannot differentiate in reverse mode this copy of part of records that hold a union
