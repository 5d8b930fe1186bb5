; REQUIRES: openmp
; RUN: %swad-opt %s -O0 -S | FileCheck %s
; A region that reads x[i + 2j] in a counted inner loop and x[(7i) % n] once per iteration. The
; inner loop's index is affine in its counter (the byte offset 16 j over an i8 GEP, plus i), so
; the window of x's shadow is grown once per run of the inner loop, on entering its reverse, to
; the indices of its first (j = 0) and last iterations, and the additions inside add without a
; bounds check. The other access keeps the check and the grow. A team of one thread skips the
; cover (it adds to the shadow directly); the flag is read once, on entry.
; C source:
;   static double f(const double *x, int n, int m) {
;     double s = 0;
;   #pragma omp parallel for reduction(+ : s)
;     for (int i = 0; i < n; i++) {
;       double t = 0;
;       for (int j = 0; j < m; j++) t += x[i + 2 * j];
;       s += t * t * x[(i * 7) % n];
;     }
;     return s;
;   }
; CHECK-LABEL: define internal void @diffe_reverse_f.omp_outlined(
; CHECK: entry:
; CHECK: %omp.concurrent = load i1, ptr @swad.omp.concurrent
; The reverse edge into the inner loop:
; CHECK: br i1 %omp.concurrent, label %omp.cover, label %omp.covered
; The access outside the inner loop is checked:
; CHECK: omp.window.add:
; CHECK: %window.low = load i64, ptr %omp.window.low
; CHECK-NEXT: %window.high = load i64, ptr %omp.window.high
; CHECK: window.grow:
; CHECK-NEXT: call void @swad.omp.window.grow(ptr %omp.window,
; The one inside is not:
; CHECK: omp.window.add{{[0-9]+}}:
; CHECK-NEXT: [[BUFFER:%.*]] = load ptr, ptr %omp.window.buffer
; CHECK-NEXT: [[LOW:%.*]] = load i64, ptr %omp.window.low
; CHECK-NEXT: [[OFFSET:%.*]] = sub i64 {{%[0-9]+}}, [[LOW]]
; CHECK-NEXT: [[ELEMENT:%.*]] = getelementptr double, ptr [[BUFFER]], i64 [[OFFSET]]
; CHECK-NEXT: [[OLD:%.*]] = load double, ptr [[ELEMENT]]
; CHECK-NEXT: [[NEW:%.*]] = fadd contract double [[OLD]],
; CHECK-NEXT: store double [[NEW]], ptr [[ELEMENT]]
; CHECK-NEXT: br label
; The cover: both ends' indices (the byte offsets divided by 8), ordered, then the grow if needed,
; then the function's copies of the window's fields read again.
; CHECK: omp.cover:
; CHECK: ashr exact i64 {{%[0-9]+}}, 3
; CHECK: ashr exact i64 {{%[0-9]+}}, 3
; CHECK: [[ASCENDING:%.*]] = icmp sle i64 [[FIRST:%[0-9]+]], [[LAST:%[0-9]+]]
; CHECK-NEXT: [[FROM:%.*]] = select i1 [[ASCENDING]], i64 [[FIRST]], i64 [[LAST]]
; CHECK-NEXT: [[TO:%.*]] = select i1 [[ASCENDING]], i64 [[LAST]], i64 [[FIRST]]
; CHECK: call void @swad.omp.window.cover(ptr %omp.window, i64 [[FROM]], i64 [[TO]], ptr
; CHECK-NEXT: [[GROWN:%.*]] = load ptr, ptr %omp.window
; CHECK-NEXT: store ptr [[GROWN]], ptr %omp.window.buffer
; CHECK: br label %omp.covered
; CHECK-LABEL: define internal void @swad.omp.window.cover(ptr %0, i64 %1, i64 %2, ptr %3)
; CHECK: icmp slt i64 %1,
; CHECK: icmp sge i64 %2,
; CHECK: grow:
; CHECK-NEXT: call void @swad.omp.window.grow(ptr %0, i64 %1, ptr %3)
; CHECK-NEXT: call void @swad.omp.window.grow(ptr %0, i64 %2, ptr %3)
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.ident_t = type { i32, i32, i32, i32, ptr }

@enzyme_dup = external local_unnamed_addr global i32, align 4
@0 = private unnamed_addr constant [23 x i8] c";unknown;unknown;0;0;;\00", align 1
@1 = private unnamed_addr constant %struct.ident_t { i32 0, i32 514, i32 0, i32 22, ptr @0 }, align 8
@.gomp_critical_user_.reduction.var = common global [8 x i32] zeroinitializer, align 8
@2 = private unnamed_addr constant %struct.ident_t { i32 0, i32 18, i32 0, i32 22, ptr @0 }, align 8
@3 = private unnamed_addr constant %struct.ident_t { i32 0, i32 2, i32 0, i32 22, ptr @0 }, align 8

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
  call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr nonnull @3, i32 4, ptr nonnull @f.omp_outlined, ptr nonnull %5, ptr nonnull %6, ptr nonnull %4, ptr nonnull %7)
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
  br i1 %14, label %15, label %68

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
  call void @__kmpc_for_static_init_4(ptr nonnull @1, i32 %17, i32 34, ptr nonnull %10, ptr nonnull %7, ptr nonnull %8, ptr nonnull %9, i32 1, i32 1)
  %18 = load i32, ptr %8, align 4, !tbaa !6
  %19 = call i32 @llvm.smin.i32(i32 %18, i32 %16)
  store i32 %19, ptr %8, align 4, !tbaa !6
  %20 = load i32, ptr %7, align 4, !tbaa !6
  %21 = icmp sgt i32 %20, %19
  br i1 %21, label %58, label %22

22:                                               ; preds = %15
  %23 = load i32, ptr %3, align 4, !tbaa !6
  %24 = icmp sgt i32 %23, 0
  %25 = load ptr, ptr %4, align 8
  %26 = load i32, ptr %2, align 4, !tbaa !6
  %27 = sext i32 %20 to i64
  %28 = add nsw i32 %19, 1
  %29 = zext nneg i32 %23 to i64
  br label %30

30:                                               ; preds = %22, %37
  %31 = phi i64 [ %27, %22 ], [ %46, %37 ]
  %32 = phi double [ 0.000000e+00, %22 ], [ %45, %37 ]
  br i1 %24, label %33, label %37

33:                                               ; preds = %30
  %34 = getelementptr double, ptr %25, i64 %31
  br label %49

35:                                               ; preds = %49
  %36 = fmul double %55, %55
  br label %37

37:                                               ; preds = %35, %30
  %38 = phi double [ 0.000000e+00, %30 ], [ %36, %35 ]
  %39 = trunc i64 %31 to i32
  %40 = mul i32 %39, 7
  %41 = srem i32 %40, %26
  %42 = sext i32 %41 to i64
  %43 = getelementptr inbounds double, ptr %25, i64 %42
  %44 = load double, ptr %43, align 8, !tbaa !13
  %45 = call double @llvm.fmuladd.f64(double %38, double %44, double %32)
  store double %45, ptr %11, align 8, !tbaa !13
  %46 = add nsw i64 %31, 1
  %47 = trunc i64 %46 to i32
  %48 = icmp eq i32 %28, %47
  br i1 %48, label %58, label %30

49:                                               ; preds = %33, %49
  %50 = phi i64 [ 0, %33 ], [ %56, %49 ]
  %51 = phi double [ 0.000000e+00, %33 ], [ %55, %49 ]
  %52 = shl i64 %50, 4
  %53 = getelementptr i8, ptr %34, i64 %52
  %54 = load double, ptr %53, align 8, !tbaa !13
  %55 = fadd double %51, %54
  %56 = add nuw nsw i64 %50, 1
  %57 = icmp eq i64 %56, %29
  br i1 %57, label %35, label %49, !llvm.loop !15

58:                                               ; preds = %37, %15
  call void @__kmpc_for_static_fini(ptr nonnull @1, i32 %17)
  store ptr %11, ptr %12, align 8
  %59 = call i32 @__kmpc_reduce_nowait(ptr nonnull @2, i32 %17, i32 1, i64 8, ptr nonnull %12, ptr nonnull @f.omp_outlined.omp.reduction.reduction_func, ptr nonnull @.gomp_critical_user_.reduction.var)
  switch i32 %59, label %67 [
    i32 1, label %60
    i32 2, label %64
  ]

60:                                               ; preds = %58
  %61 = load double, ptr %5, align 8, !tbaa !13
  %62 = load double, ptr %11, align 8, !tbaa !13
  %63 = fadd double %61, %62
  store double %63, ptr %5, align 8, !tbaa !13
  call void @__kmpc_end_reduce_nowait(ptr nonnull @2, i32 %17, ptr nonnull @.gomp_critical_user_.reduction.var)
  br label %67

64:                                               ; preds = %58
  %65 = load double, ptr %11, align 8, !tbaa !13
  %66 = atomicrmw fadd ptr %5, double %65 monotonic, align 8
  br label %67

67:                                               ; preds = %64, %60, %58
  call void @llvm.lifetime.end.p0(ptr nonnull %11) #4
  call void @llvm.lifetime.end.p0(ptr nonnull %10) #4
  call void @llvm.lifetime.end.p0(ptr nonnull %9) #4
  call void @llvm.lifetime.end.p0(ptr nonnull %8) #4
  call void @llvm.lifetime.end.p0(ptr nonnull %7) #4
  br label %68

68:                                               ; preds = %67, %6
  ret void
}

; Function Attrs: mustprogress nocallback nofree nosync nounwind willreturn memory(argmem: readwrite)
declare void @llvm.lifetime.end.p0(ptr captures(none)) #2

; Function Attrs: nounwind
declare void @__kmpc_for_static_init_4(ptr, i32, i32, ptr, ptr, ptr, ptr, i32, i32) local_unnamed_addr #4

; Function Attrs: mustprogress nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none)
declare double @llvm.fmuladd.f64(double, double, double) #5

; Function Attrs: nounwind
declare void @__kmpc_for_static_fini(ptr, i32) local_unnamed_addr #4

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
declare !callback !18 void @__kmpc_fork_call(ptr, i32, ptr, ...) local_unnamed_addr #4

; Function Attrs: nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none)
declare i32 @llvm.smin.i32(i32, i32) #8

attributes #0 = { nounwind uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #2 = { mustprogress nocallback nofree nosync nounwind willreturn memory(argmem: readwrite) }
attributes #3 = { alwaysinline norecurse nounwind uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #4 = { nounwind }
attributes #5 = { mustprogress nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none) }
attributes #6 = { mustprogress nofree norecurse nosync nounwind willreturn memory(readwrite, inaccessiblemem: none, target_mem0: none, target_mem1: none) uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #7 = { convergent nounwind }
attributes #8 = { nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none) }

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
!15 = distinct !{!15, !16, !17}
!16 = !{!"llvm.loop.mustprogress"}
!17 = !{!"llvm.loop.unroll.disable"}
!18 = !{!19}
!19 = !{i64 2, i64 -1, i64 -1, i1 true}
