; RUN: %swad-opt %s -O0 -S | FileCheck %s
; RUN: %swad-opt %s -O0 -o /dev/null --remarks 2>&1 | FileCheck %s --check-prefix=REMARK
; REMARK: swad-opt: remark: smooth: the reverse of the loop sums in registers the adjoints of 3 neighbouring elements (offsets -1 to 1); on entering it, a check against the shadows of 1 store picks them over additions in memory
; REMARK-NOT: wide: the reverse of the loop sums
; A three-point stencil, b[i] = a[i-1] + 2 a[i] + a[i+1]: its reverse loop sums the adjoints of
; a[i-1], a[i] and a[i+1] in three pending sums instead of adding each to memory. On entering the
; loop's reverse, a check that ā's elements the loop reaches do not overlap b̄ (the stores' reverses
; read and clear it) sets %rotated and clears the sums; each addition goes to
; its sum when it is set, to memory otherwise. On each reverse back edge (i going down) ā[i+1], which
; no later iteration reaches, gets its sum and the sums shift; when the loop's reverse ends, all
; three go to memory.
; A second stencil reads offsets 20 apart: 41 sums would be too many registers, and its additions
; stay in memory.
; C source:
;   static void smooth(const double *a, double *b, int n) {
;     for (int i = 1; i < n - 1; i++) b[i] = a[i - 1] + 2 * a[i] + a[i + 1];
;   }
;   static void wide(const double *a, double *b, int n) {
;     for (int i = 20; i < n - 20; i++) b[i] = a[i - 20] + a[i + 20];
;   }
; CHECK-LABEL: define internal void @diffe_reverse_smooth(
; CHECK: %pending = alloca double
; CHECK-NEXT: store double -0.000000e+00, ptr %pending
; CHECK-NEXT: %pending1 = alloca double
; CHECK-NEXT: store double -0.000000e+00, ptr %pending1
; CHECK-NEXT: %pending2 = alloca double
; CHECK-NEXT: store double -0.000000e+00, ptr %pending2
; CHECK: %rotated = alloca i1
; CHECK-NEXT: store i1 false, ptr %rotated
; The check, on the reverse edge into the loop: b̄'s range against ā's (shadows only: primal memory
; is only read, and no primal pointer goes on the tape for the check).
; CHECK: rev..loopexit.split.enter.bb2:
; CHECK: [[DB:%[0-9]+]] = ptrtoint ptr {{%[0-9]+}} to i64
; CHECK: [[DA:%[0-9]+]] = ptrtoint ptr {{%[0-9]+}} to i64
; CHECK-NOT: ptrtoint
; CHECK: [[APART:%[0-9]+]] = or i1
; CHECK: store double -0.000000e+00, ptr %pending,
; CHECK-NEXT: store double -0.000000e+00, ptr %pending1,
; CHECK-NEXT: store double -0.000000e+00, ptr %pending2,
; CHECK-NEXT: store i1 [[APART:%[0-9]+]], ptr %rotated
; The adjoint of a[i+1] (offset 1, the sum %pending2):
; CHECK: [[FLAG:%[0-9]+]] = load i1, ptr %rotated
; CHECK-NEXT: br i1 [[FLAG]], label %rotated.add, label %memory.add
; CHECK: rotated.add:
; CHECK-NEXT: [[OLD:%[0-9]+]] = load double, ptr %pending2
; CHECK-NEXT: [[NEW:%[0-9]+]] = fadd reassoc nsz contract double [[OLD]],
; CHECK-NEXT: store double [[NEW]], ptr %pending2
; CHECK: memory.add:
; CHECK-NEXT: load double, ptr
; CHECK-NEXT: fadd reassoc nsz contract double
; CHECK-NEXT: store double
; The back edge: ā[i+1] gets its sum, then the sums shift, then the counter steps back.
; CHECK: rev.bb2.back:
; CHECK-NEXT: [[DONE:%[0-9]+]] = load double, ptr %pending2
; CHECK: rotated.flush:
; CHECK-NEXT: [[SHADOW:%[0-9]+]] = load ptr
; CHECK-NEXT: [[I:%[0-9]+]] = load i64, ptr %loop
; CHECK-NEXT: [[NEXT:%[0-9]+]] = add i64 [[I]], 1
; CHECK-NEXT: [[ELEMENT:%[0-9]+]] = getelementptr double, ptr [[SHADOW]], i64 [[NEXT]]
; CHECK-NEXT: [[MEMORY:%[0-9]+]] = load double, ptr [[ELEMENT]]
; CHECK-NEXT: [[SUM:%[0-9]+]] = fadd reassoc nsz contract double [[MEMORY]], [[DONE]]
; CHECK-NEXT: store double [[SUM]], ptr [[ELEMENT]]
; CHECK: rotated.flushed:
; CHECK-NEXT: [[P1:%[0-9]+]] = load double, ptr %pending1
; CHECK-NEXT: store double [[P1]], ptr %pending2
; CHECK-NEXT: [[P0:%[0-9]+]] = load double, ptr %pending
; CHECK-NEXT: store double [[P0]], ptr %pending1
; CHECK-NEXT: store double -0.000000e+00, ptr %pending
; CHECK-NEXT: [[COUNTER:%[0-9]+]] = load i64, ptr %loop
; CHECK-NEXT: sub i64 [[COUNTER]], 1
; The end of the loop's reverse: the three sums, at i-1, i and i+1.
; CHECK: rotated.flush{{[0-9]+}}:
; CHECK: add i64 {{%[0-9]+}}, -1
; CHECK: rotated.flush{{[0-9]+}}:
; CHECK: add i64 {{%[0-9]+}}, 0
; CHECK: rotated.flush{{[0-9]+}}:
; CHECK: add i64 {{%[0-9]+}}, 1
; CHECK-LABEL: define internal void @diffe_reverse_wide(
; CHECK-NOT: pending
; CHECK-NOT: rotated
; CHECK: ret void
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4
@enzyme_const = external local_unnamed_addr global i32, align 4

; Function Attrs: nounwind uwtable
define dso_local void @gradient(ptr noundef %0, ptr noundef %1, ptr noundef %2, ptr noundef %3, i32 noundef %4) local_unnamed_addr #0 {
  %6 = load i32, ptr @enzyme_dup, align 4, !tbaa !5
  %7 = load i32, ptr @enzyme_const, align 4, !tbaa !5
  tail call void (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @smooth, i32 noundef %6, ptr noundef %0, ptr noundef %1, i32 noundef %6, ptr noundef %2, ptr noundef %3, i32 noundef %7, i32 noundef %4) #4
  ret void
}

declare void @__enzyme_autodiff(ptr noundef, ...) local_unnamed_addr #1

; Function Attrs: nofree norecurse nosync nounwind memory(argmem: readwrite) uwtable
define internal void @smooth(ptr noundef readonly captures(none) %0, ptr noundef writeonly captures(none) %1, i32 noundef %2) #2 {
  %4 = icmp sgt i32 %2, 2
  br i1 %4, label %5, label %8

5:                                                ; preds = %3
  %6 = add nsw i32 %2, -1
  %7 = zext nneg i32 %6 to i64
  br label %9

8:                                                ; preds = %9, %3
  ret void

9:                                                ; preds = %5, %9
  %10 = phi i64 [ 1, %5 ], [ %16, %9 ]
  %11 = getelementptr double, ptr %0, i64 %10
  %12 = getelementptr i8, ptr %11, i64 -8
  %13 = load double, ptr %12, align 8, !tbaa !9
  %14 = load double, ptr %11, align 8, !tbaa !9
  %15 = tail call double @llvm.fmuladd.f64(double %14, double 2.000000e+00, double %13)
  %16 = add nuw nsw i64 %10, 1
  %17 = getelementptr inbounds nuw double, ptr %0, i64 %16
  %18 = load double, ptr %17, align 8, !tbaa !9
  %19 = fadd double %15, %18
  %20 = getelementptr inbounds nuw double, ptr %1, i64 %10
  store double %19, ptr %20, align 8, !tbaa !9
  %21 = icmp eq i64 %16, %7
  br i1 %21, label %8, label %9, !llvm.loop !11
}

; Function Attrs: nounwind uwtable
define dso_local void @gradient_wide(ptr noundef %0, ptr noundef %1, ptr noundef %2, ptr noundef %3, i32 noundef %4) local_unnamed_addr #0 {
  %6 = load i32, ptr @enzyme_dup, align 4, !tbaa !5
  %7 = load i32, ptr @enzyme_const, align 4, !tbaa !5
  tail call void (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @wide, i32 noundef %6, ptr noundef %0, ptr noundef %1, i32 noundef %6, ptr noundef %2, ptr noundef %3, i32 noundef %7, i32 noundef %4) #4
  ret void
}

; Function Attrs: nofree norecurse nosync nounwind memory(argmem: readwrite) uwtable
define internal void @wide(ptr noundef readonly captures(none) %0, ptr noundef writeonly captures(none) %1, i32 noundef %2) #2 {
  %4 = icmp sgt i32 %2, 40
  br i1 %4, label %5, label %8

5:                                                ; preds = %3
  %6 = add nsw i32 %2, -20
  %7 = zext nneg i32 %6 to i64
  br label %9

8:                                                ; preds = %9, %3
  ret void

9:                                                ; preds = %5, %9
  %10 = phi i64 [ 20, %5 ], [ %18, %9 ]
  %11 = getelementptr double, ptr %0, i64 %10
  %12 = getelementptr i8, ptr %11, i64 -160
  %13 = load double, ptr %12, align 8, !tbaa !9
  %14 = getelementptr inbounds nuw i8, ptr %11, i64 160
  %15 = load double, ptr %14, align 8, !tbaa !9
  %16 = fadd double %13, %15
  %17 = getelementptr inbounds nuw double, ptr %1, i64 %10
  store double %16, ptr %17, align 8, !tbaa !9
  %18 = add nuw nsw i64 %10, 1
  %19 = icmp eq i64 %18, %7
  br i1 %19, label %8, label %9, !llvm.loop !14
}

; Function Attrs: mustprogress nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none)
declare double @llvm.fmuladd.f64(double, double, double) #3

attributes #0 = { nounwind uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #2 = { nofree norecurse nosync nounwind memory(argmem: readwrite) uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #3 = { mustprogress nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none) }
attributes #4 = { nounwind }

!llvm.module.flags = !{!0, !1, !2, !3}
!llvm.errno.tbaa = !{!5}

!0 = !{i32 1, !"wchar_size", i32 4}
!1 = !{i32 8, !"PIC Level", i32 2}
!2 = !{i32 7, !"PIE Level", i32 2}
!3 = !{i32 7, !"uwtable", i32 2}
!4 = !{!"Debian clang version 22.1.8 (1~deb12u1)"}
!5 = !{!6, !6, i64 0}
!6 = !{!"int", !7, i64 0}
!7 = !{!"omnipotent char", !8, i64 0}
!8 = !{!"Simple C/C++ TBAA"}
!9 = !{!10, !10, i64 0}
!10 = !{!"double", !7, i64 0}
!11 = distinct !{!11, !12, !13}
!12 = !{!"llvm.loop.mustprogress"}
!13 = !{!"llvm.loop.unroll.disable"}
!14 = distinct !{!14, !12, !13}
