; REQUIRES: openmp
; RUN: %swad-opt %s -O0 -S | FileCheck %s
; A dynamically scheduled region: each chunk the runtime hands out loads the captured pointer x
; again (the load is inside the dispatch loop), but the microtask never writes the captured
; variable, so the pointer is the same every time and x's adjoints still go to the thread's window
; (here covered once per run of the inner loop), not to atomics on x's shadow.
; C source:
;   static double f(const double *x, int n, int m) {
;     double s = 0;
;   #pragma omp parallel for reduction(+ : s) schedule(dynamic, 2)
;     for (int i = 0; i < n; i++) {
;       double t = 0;
;       for (int j = 0; j < m; j++) t += x[j] * x[j];
;       s += t * i;
;     }
;     return s;
;   }
; CHECK-LABEL: define internal void @diffe_reverse_f.omp_outlined(
; CHECK: %omp.window = alloca { ptr, i64, i64, ptr }
; CHECK: omp.window.add:
; CHECK-NEXT: %window.buffer = load ptr, ptr %omp.window.buffer
; CHECK: omp.cover:
; CHECK: call void @swad.omp.window.cover(ptr %omp.window,
; CHECK-LABEL: define internal void @swad.omp.window.flush(
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.ident_t = type { i32, i32, i32, i32, ptr }

@enzyme_dup = external local_unnamed_addr global i32, align 4
@0 = private unnamed_addr constant [23 x i8] c";unknown;unknown;0;0;;\00", align 1
@1 = private unnamed_addr constant %struct.ident_t { i32 0, i32 2, i32 0, i32 22, ptr @0 }, align 8
@.gomp_critical_user_.reduction.var = common global [8 x i32] zeroinitializer, align 8
@2 = private unnamed_addr constant %struct.ident_t { i32 0, i32 18, i32 0, i32 22, ptr @0 }, align 8

; Function Attrs: nounwind uwtable
define dso_local void @gradient(ptr noundef %0, ptr noundef %1, i32 noundef %2, i32 noundef %3) local_unnamed_addr #0 {
  %5 = load i32, ptr @enzyme_dup, align 4, !tbaa !6
  tail call void (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @f, i32 noundef %5, ptr noundef %0, ptr noundef %1, i32 noundef %2, i32 noundef %3) #4
  ret void
}

declare void @__enzyme_autodiff(ptr noundef, ...) local_unnamed_addr #1

; Function Attrs: nounwind uwtable
define internal double @f(ptr noundef %0, i32 noundef %1, i32 noundef %2) #0 {
  %4 = alloca ptr, align 8
  %5 = alloca i32, align 4
  %6 = alloca i32, align 4
  %7 = alloca double, align 8
  store ptr %0, ptr %4, align 8, !tbaa !10
  store i32 %1, ptr %5, align 4, !tbaa !6
  store i32 %2, ptr %6, align 4, !tbaa !6
  call void @llvm.lifetime.start.p0(ptr nonnull %7) #4
  store double 0.000000e+00, ptr %7, align 8, !tbaa !13
  call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr nonnull @1, i32 4, ptr nonnull @f.omp_outlined, ptr nonnull %5, ptr nonnull %6, ptr nonnull %4, ptr nonnull %7)
  %8 = load double, ptr %7, align 8, !tbaa !13
  call void @llvm.lifetime.end.p0(ptr nonnull %7) #4
  ret double %8
}

; Function Attrs: mustprogress nocallback nofree nosync nounwind willreturn memory(argmem: readwrite)
declare void @llvm.lifetime.start.p0(ptr captures(none)) #2

; Function Attrs: alwaysinline norecurse nounwind uwtable
define internal void @f.omp_outlined(ptr noalias noundef readonly captures(none) %0, ptr noalias readnone captures(none) %1, ptr noundef nonnull readonly align 4 captures(none) dereferenceable(4) %2, ptr noundef nonnull readonly align 4 captures(none) dereferenceable(4) %3, ptr noundef nonnull readonly align 8 captures(none) dereferenceable(8) %4, ptr noundef nonnull align 8 captures(none) dereferenceable(8) %5) #3 {
  %7 = alloca i32, align 4
  %8 = alloca i32, align 4
  %9 = alloca i32, align 4
  %10 = alloca i32, align 4
  %11 = alloca double, align 8
  %12 = alloca [1 x ptr], align 8
  %13 = load i32, ptr %2, align 4, !tbaa !6
  %14 = icmp sgt i32 %13, 0
  br i1 %14, label %15, label %61

15:                                               ; preds = %6
  %16 = add nsw i32 %13, -1
  call void @llvm.lifetime.start.p0(ptr nonnull %7) #4
  store i32 0, ptr %7, align 4, !tbaa !6
  call void @llvm.lifetime.start.p0(ptr nonnull %8) #4
  store i32 %16, ptr %8, align 4, !tbaa !6
  call void @llvm.lifetime.start.p0(ptr nonnull %9) #4
  store i32 1, ptr %9, align 4, !tbaa !6
  call void @llvm.lifetime.start.p0(ptr nonnull %10) #4
  store i32 0, ptr %10, align 4, !tbaa !6
  call void @llvm.lifetime.start.p0(ptr nonnull %11) #4
  store double 0.000000e+00, ptr %11, align 8, !tbaa !13
  %17 = load i32, ptr %0, align 4, !tbaa !6
  tail call void @__kmpc_dispatch_init_4(ptr nonnull @1, i32 %17, i32 1073741859, i32 0, i32 %16, i32 1, i32 2)
  %18 = call i32 @__kmpc_dispatch_next_4(ptr nonnull @1, i32 %17, ptr nonnull %10, ptr nonnull %7, ptr nonnull %8, ptr nonnull %9)
  %19 = icmp eq i32 %18, 0
  br i1 %19, label %51, label %24

20:                                               ; preds = %37, %24
  %21 = phi double [ %25, %24 ], [ %40, %37 ]
  %22 = call i32 @__kmpc_dispatch_next_4(ptr nonnull @1, i32 %17, ptr nonnull %10, ptr nonnull %7, ptr nonnull %8, ptr nonnull %9)
  %23 = icmp eq i32 %22, 0
  br i1 %23, label %51, label %24

24:                                               ; preds = %15, %20
  %25 = phi double [ %21, %20 ], [ 0.000000e+00, %15 ]
  %26 = load i32, ptr %7, align 4, !tbaa !6
  %27 = load i32, ptr %8, align 4, !tbaa !6, !llvm.access.group !15
  %28 = icmp sgt i32 %26, %27
  br i1 %28, label %20, label %29

29:                                               ; preds = %24
  %30 = load i32, ptr %3, align 4, !tbaa !6, !llvm.access.group !15
  %31 = icmp sgt i32 %30, 0
  %32 = load ptr, ptr %4, align 8
  %33 = zext nneg i32 %30 to i64
  br label %34

34:                                               ; preds = %29, %37
  %35 = phi i32 [ %26, %29 ], [ %41, %37 ]
  %36 = phi double [ %25, %29 ], [ %40, %37 ]
  br i1 %31, label %43, label %37

37:                                               ; preds = %43, %34
  %38 = phi double [ 0.000000e+00, %34 ], [ %48, %43 ]
  %39 = sitofp i32 %35 to double
  %40 = call double @llvm.fmuladd.f64(double %38, double %39, double %36)
  store double %40, ptr %11, align 8, !tbaa !13, !llvm.access.group !15
  %41 = add i32 %35, 1
  %42 = icmp eq i32 %35, %27
  br i1 %42, label %20, label %34, !llvm.loop !16

43:                                               ; preds = %34, %43
  %44 = phi i64 [ %49, %43 ], [ 0, %34 ]
  %45 = phi double [ %48, %43 ], [ 0.000000e+00, %34 ]
  %46 = getelementptr inbounds nuw double, ptr %32, i64 %44
  %47 = load double, ptr %46, align 8, !tbaa !13, !llvm.access.group !15
  %48 = call double @llvm.fmuladd.f64(double %47, double %47, double %45)
  %49 = add nuw nsw i64 %44, 1
  %50 = icmp eq i64 %49, %33
  br i1 %50, label %37, label %43, !llvm.loop !18

51:                                               ; preds = %20, %15
  call void @__kmpc_dispatch_deinit(ptr nonnull @1, i32 %17)
  store ptr %11, ptr %12, align 8
  %52 = call i32 @__kmpc_reduce_nowait(ptr nonnull @2, i32 %17, i32 1, i64 8, ptr nonnull %12, ptr nonnull @f.omp_outlined.omp.reduction.reduction_func, ptr nonnull @.gomp_critical_user_.reduction.var)
  switch i32 %52, label %60 [
    i32 1, label %53
    i32 2, label %57
  ]

53:                                               ; preds = %51
  %54 = load double, ptr %5, align 8, !tbaa !13
  %55 = load double, ptr %11, align 8, !tbaa !13
  %56 = fadd double %54, %55
  store double %56, ptr %5, align 8, !tbaa !13
  call void @__kmpc_end_reduce_nowait(ptr nonnull @2, i32 %17, ptr nonnull @.gomp_critical_user_.reduction.var)
  br label %60

57:                                               ; preds = %51
  %58 = load double, ptr %11, align 8, !tbaa !13
  %59 = atomicrmw fadd ptr %5, double %58 monotonic, align 8
  br label %60

60:                                               ; preds = %57, %53, %51
  call void @llvm.lifetime.end.p0(ptr nonnull %11) #4
  call void @llvm.lifetime.end.p0(ptr nonnull %10) #4
  call void @llvm.lifetime.end.p0(ptr nonnull %9) #4
  call void @llvm.lifetime.end.p0(ptr nonnull %8) #4
  call void @llvm.lifetime.end.p0(ptr nonnull %7) #4
  br label %61

61:                                               ; preds = %60, %6
  ret void
}

; Function Attrs: mustprogress nocallback nofree nosync nounwind willreturn memory(argmem: readwrite)
declare void @llvm.lifetime.end.p0(ptr captures(none)) #2

; Function Attrs: nounwind
declare void @__kmpc_dispatch_init_4(ptr, i32, i32, i32, i32, i32, i32) local_unnamed_addr #4

; Function Attrs: nounwind
declare i32 @__kmpc_dispatch_next_4(ptr, i32, ptr, ptr, ptr, ptr) local_unnamed_addr #4

; Function Attrs: mustprogress nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none)
declare double @llvm.fmuladd.f64(double, double, double) #5

; Function Attrs: nounwind
declare void @__kmpc_dispatch_deinit(ptr, i32) local_unnamed_addr #4

; Function Attrs: mustprogress nofree norecurse nosync nounwind willreturn memory(readwrite, inaccessiblemem: none, target_mem0: none, target_mem1: none) uwtable
define internal void @f.omp_outlined.omp.reduction.reduction_func(ptr noundef readonly captures(none) %0, ptr noundef readonly captures(none) %1) #6 {
  %3 = load ptr, ptr %1, align 8
  %4 = load ptr, ptr %0, align 8
  %5 = load double, ptr %4, align 8, !tbaa !13
  %6 = load double, ptr %3, align 8, !tbaa !13
  %7 = fadd double %5, %6
  store double %7, ptr %4, align 8, !tbaa !13
  ret void
}

; Function Attrs: convergent nounwind
declare i32 @__kmpc_reduce_nowait(ptr, i32, i32, i64, ptr, ptr, ptr) local_unnamed_addr #7

; Function Attrs: convergent nounwind
declare void @__kmpc_end_reduce_nowait(ptr, i32, ptr) local_unnamed_addr #7

; Function Attrs: nounwind
declare !callback !21 void @__kmpc_fork_call(ptr, i32, ptr, ...) local_unnamed_addr #4

attributes #0 = { nounwind uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #2 = { mustprogress nocallback nofree nosync nounwind willreturn memory(argmem: readwrite) }
attributes #3 = { alwaysinline norecurse nounwind uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #4 = { nounwind }
attributes #5 = { mustprogress nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none) }
attributes #6 = { mustprogress nofree norecurse nosync nounwind willreturn memory(readwrite, inaccessiblemem: none, target_mem0: none, target_mem1: none) uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #7 = { convergent nounwind }

!llvm.module.flags = !{!0, !1, !2, !3, !4}
!llvm.errno.tbaa = !{!6}

!0 = !{i32 1, !"wchar_size", i32 4}
!1 = !{i32 7, !"openmp", i32 51}
!2 = !{i32 8, !"PIC Level", i32 2}
!3 = !{i32 7, !"PIE Level", i32 2}
!4 = !{i32 7, !"uwtable", i32 2}
!5 = !{!"Debian clang version 22.1.8 (1~deb12u1)"}
!6 = !{!7, !7, i64 0}
!7 = !{!"int", !8, i64 0}
!8 = !{!"omnipotent char", !9, i64 0}
!9 = !{!"Simple C/C++ TBAA"}
!10 = !{!11, !11, i64 0}
!11 = !{!"p1 double", !12, i64 0}
!12 = !{!"any pointer", !8, i64 0}
!13 = !{!14, !14, i64 0}
!14 = !{!"double", !8, i64 0}
!15 = distinct !{}
!16 = distinct !{!16, !17}
!17 = !{!"llvm.loop.parallel_accesses", !15}
!18 = distinct !{!18, !19, !20}
!19 = !{!"llvm.loop.mustprogress"}
!20 = !{!"llvm.loop.unroll.disable"}
!21 = !{!22}
!22 = !{i64 2, i64 -1, i64 -1, i1 true}
