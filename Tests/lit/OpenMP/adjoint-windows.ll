; REQUIRES: openmp
; RUN: %swad-opt %s -O0 -S | FileCheck %s
; A region that only reads x, every thread all of it (s += x[i] * x[(i+1) % n]): the reverse sweep
; adds each adjoint to the thread's window of x's shadow (grown when an index falls outside it),
; and the window is added to the shadow, atomically, once, when the thread's reverse sweep ends. A
; team of one thread adds to the shadow directly.
; CHECK-LABEL: define internal void @diffe_reverse_f.omp_outlined(
; The team's concurrency is read once, on entry.
; CHECK: %omp.concurrent = load i1, ptr @swad.omp.concurrent
; CHECK: %omp.window = alloca { ptr, i64, i64, ptr }
; CHECK-NEXT: %omp.window.buffer = alloca ptr
; CHECK-NEXT: %omp.window.low = alloca i64
; CHECK-NEXT: %omp.window.high = alloca i64
; CHECK: {{^}}exit:
; CHECK-NEXT: call void @swad.omp.window.flush(ptr %omp.window)
; CHECK-NEXT: ret void
; The fast path reads the function's own copies of the window's bounds and buffer (registers once
; promoted), the record only after it grows.
; CHECK: omp.window.add:
; CHECK: %window.low = load i64, ptr %omp.window.low
; CHECK-NEXT: %window.high = load i64, ptr %omp.window.high
; CHECK: window.grow:
; CHECK-NEXT: call void @swad.omp.window.grow(ptr %omp.window, i64 {{%[0-9]+}}, ptr {{%.*}})
; CHECK-NEXT: [[BUFFER:%.*]] = load ptr, ptr %omp.window,
; CHECK-NEXT: store ptr [[BUFFER]], ptr %omp.window.buffer
; CHECK: window.add:
; CHECK-NEXT: %window.buffer = load ptr, ptr %omp.window.buffer
; CHECK-NEXT: %window.base = load i64, ptr %omp.window.low
; CHECK: fadd contract double
; CHECK-LABEL: define internal void @swad.omp.window.grow(
; CHECK: call ptr @calloc(
; CHECK-LABEL: define internal void @swad.omp.window.flush(
; CHECK: fcmp une double
; CHECK: atomicrmw fadd ptr {{%.*}}, double {{%.*}} monotonic
; CHECK: call void @free(
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.ident_t = type { i32, i32, i32, i32, ptr }

@0 = private unnamed_addr constant [23 x i8] c";unknown;unknown;0;0;;\00", align 1
@1 = private unnamed_addr constant %struct.ident_t { i32 0, i32 514, i32 0, i32 22, ptr @0 }, align 8
@.gomp_critical_user_.reduction.var = common global [8 x i32] zeroinitializer, align 8
@2 = private unnamed_addr constant %struct.ident_t { i32 0, i32 18, i32 0, i32 22, ptr @0 }, align 8
@3 = private unnamed_addr constant %struct.ident_t { i32 0, i32 2, i32 0, i32 22, ptr @0 }, align 8
@enzyme_dup = external local_unnamed_addr global i32, align 4

; Function Attrs: nounwind uwtable
define dso_local double @f(ptr noundef %0, i32 noundef %1) #0 {
  %3 = alloca ptr, align 8
  %4 = alloca i32, align 4
  %5 = alloca double, align 8
  store ptr %0, ptr %3, align 8, !tbaa !10
  store i32 %1, ptr %4, align 4, !tbaa !6
  call void @llvm.lifetime.start.p0(ptr nonnull %5) #3
  store double 0.000000e+00, ptr %5, align 8, !tbaa !13
  call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr nonnull @3, i32 3, ptr nonnull @f.omp_outlined, ptr nonnull %4, ptr nonnull %5, ptr nonnull %3)
  %6 = load double, ptr %5, align 8, !tbaa !13
  call void @llvm.lifetime.end.p0(ptr nonnull %5) #3
  ret double %6
}

; Function Attrs: mustprogress nocallback nofree nosync nounwind willreturn memory(argmem: readwrite)
declare void @llvm.lifetime.start.p0(ptr captures(none)) #1

; Function Attrs: alwaysinline norecurse nounwind uwtable
define internal void @f.omp_outlined(ptr noalias noundef readonly captures(none) %0, ptr noalias readnone captures(none) %1, ptr noundef nonnull readonly align 4 captures(none) dereferenceable(4) %2, ptr noundef nonnull align 8 captures(none) dereferenceable(8) %3, ptr noundef nonnull readonly align 8 captures(none) dereferenceable(8) %4) #2 {
  %6 = alloca i32, align 4
  %7 = alloca i32, align 4
  %8 = alloca i32, align 4
  %9 = alloca i32, align 4
  %10 = alloca double, align 8
  %11 = alloca [1 x ptr], align 8
  %12 = load i32, ptr %2, align 4, !tbaa !6
  %13 = icmp sgt i32 %12, 0
  br i1 %13, label %14, label %49

14:                                               ; preds = %5
  %15 = add nsw i32 %12, -1
  call void @llvm.lifetime.start.p0(ptr nonnull %6) #3
  store i32 0, ptr %6, align 4, !tbaa !6
  call void @llvm.lifetime.start.p0(ptr nonnull %7) #3
  store i32 %15, ptr %7, align 4, !tbaa !6
  call void @llvm.lifetime.start.p0(ptr nonnull %8) #3
  store i32 1, ptr %8, align 4, !tbaa !6
  call void @llvm.lifetime.start.p0(ptr nonnull %9) #3
  store i32 0, ptr %9, align 4, !tbaa !6
  call void @llvm.lifetime.start.p0(ptr nonnull %10) #3
  store double 0.000000e+00, ptr %10, align 8, !tbaa !13
  %16 = load i32, ptr %0, align 4, !tbaa !6
  call void @__kmpc_for_static_init_4(ptr nonnull @1, i32 %16, i32 34, ptr nonnull %9, ptr nonnull %6, ptr nonnull %7, ptr nonnull %8, i32 1, i32 1)
  %17 = load i32, ptr %7, align 4, !tbaa !6
  %18 = call i32 @llvm.smin.i32(i32 %17, i32 %15)
  store i32 %18, ptr %7, align 4, !tbaa !6
  %19 = load i32, ptr %6, align 4, !tbaa !6
  %20 = icmp sgt i32 %19, %18
  br i1 %20, label %39, label %21

21:                                               ; preds = %14
  %22 = load ptr, ptr %4, align 8, !tbaa !10
  %23 = load i32, ptr %2, align 4, !tbaa !6
  %24 = sext i32 %19 to i64
  %25 = add nsw i32 %18, 1
  br label %26

26:                                               ; preds = %21, %26
  %27 = phi i64 [ %24, %21 ], [ %31, %26 ]
  %28 = phi double [ 0.000000e+00, %21 ], [ %37, %26 ]
  %29 = getelementptr inbounds double, ptr %22, i64 %27
  %30 = load double, ptr %29, align 8, !tbaa !13
  %31 = add nsw i64 %27, 1
  %32 = trunc i64 %31 to i32
  %33 = srem i32 %32, %23
  %34 = sext i32 %33 to i64
  %35 = getelementptr inbounds double, ptr %22, i64 %34
  %36 = load double, ptr %35, align 8, !tbaa !13
  %37 = call double @llvm.fmuladd.f64(double %30, double %36, double %28)
  store double %37, ptr %10, align 8, !tbaa !13
  %38 = icmp eq i32 %25, %32
  br i1 %38, label %39, label %26

39:                                               ; preds = %26, %14
  call void @__kmpc_for_static_fini(ptr nonnull @1, i32 %16)
  store ptr %10, ptr %11, align 8
  %40 = call i32 @__kmpc_reduce_nowait(ptr nonnull @2, i32 %16, i32 1, i64 8, ptr nonnull %11, ptr nonnull @f.omp_outlined.omp.reduction.reduction_func, ptr nonnull @.gomp_critical_user_.reduction.var)
  switch i32 %40, label %48 [
    i32 1, label %41
    i32 2, label %45
  ]

41:                                               ; preds = %39
  %42 = load double, ptr %3, align 8, !tbaa !13
  %43 = load double, ptr %10, align 8, !tbaa !13
  %44 = fadd double %42, %43
  store double %44, ptr %3, align 8, !tbaa !13
  call void @__kmpc_end_reduce_nowait(ptr nonnull @2, i32 %16, ptr nonnull @.gomp_critical_user_.reduction.var)
  br label %48

45:                                               ; preds = %39
  %46 = load double, ptr %10, align 8, !tbaa !13
  %47 = atomicrmw fadd ptr %3, double %46 monotonic, align 8
  br label %48

48:                                               ; preds = %45, %41, %39
  call void @llvm.lifetime.end.p0(ptr nonnull %10) #3
  call void @llvm.lifetime.end.p0(ptr nonnull %9) #3
  call void @llvm.lifetime.end.p0(ptr nonnull %8) #3
  call void @llvm.lifetime.end.p0(ptr nonnull %7) #3
  call void @llvm.lifetime.end.p0(ptr nonnull %6) #3
  br label %49

49:                                               ; preds = %48, %5
  ret void
}

; Function Attrs: mustprogress nocallback nofree nosync nounwind willreturn memory(argmem: readwrite)
declare void @llvm.lifetime.end.p0(ptr captures(none)) #1

; Function Attrs: nounwind
declare void @__kmpc_for_static_init_4(ptr, i32, i32, ptr, ptr, ptr, ptr, i32, i32) local_unnamed_addr #3

; Function Attrs: mustprogress nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none)
declare double @llvm.fmuladd.f64(double, double, double) #4

; Function Attrs: nounwind
declare void @__kmpc_for_static_fini(ptr, i32) local_unnamed_addr #3

; Function Attrs: mustprogress nofree norecurse nosync nounwind willreturn memory(readwrite, inaccessiblemem: none, target_mem0: none, target_mem1: none) uwtable
define internal void @f.omp_outlined.omp.reduction.reduction_func(ptr noundef readonly captures(none) %0, ptr noundef readonly captures(none) %1) #5 {
  %3 = load ptr, ptr %1, align 8
  %4 = load ptr, ptr %0, align 8
  %5 = load double, ptr %4, align 8, !tbaa !13
  %6 = load double, ptr %3, align 8, !tbaa !13
  %7 = fadd double %5, %6
  store double %7, ptr %4, align 8, !tbaa !13
  ret void
}

; Function Attrs: convergent nounwind
declare i32 @__kmpc_reduce_nowait(ptr, i32, i32, i64, ptr, ptr, ptr) local_unnamed_addr #6

; Function Attrs: convergent nounwind
declare void @__kmpc_end_reduce_nowait(ptr, i32, ptr) local_unnamed_addr #6

; Function Attrs: nounwind
declare !callback !15 void @__kmpc_fork_call(ptr, i32, ptr, ...) local_unnamed_addr #3

; Function Attrs: nounwind uwtable
define dso_local void @grad(ptr noundef %0, ptr noundef %1, i32 noundef %2) local_unnamed_addr #0 {
  %4 = load i32, ptr @enzyme_dup, align 4, !tbaa !6
  tail call void (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @f, i32 noundef %4, ptr noundef %0, ptr noundef %1, i32 noundef %2) #3
  ret void
}

declare void @__enzyme_autodiff(ptr noundef, ...) local_unnamed_addr #7

; Function Attrs: nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none)
declare i32 @llvm.smin.i32(i32, i32) #8

attributes #0 = { nounwind uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { mustprogress nocallback nofree nosync nounwind willreturn memory(argmem: readwrite) }
attributes #2 = { alwaysinline norecurse nounwind uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #3 = { nounwind }
attributes #4 = { mustprogress nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none) }
attributes #5 = { mustprogress nofree norecurse nosync nounwind willreturn memory(readwrite, inaccessiblemem: none, target_mem0: none, target_mem1: none) uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #6 = { convergent nounwind }
attributes #7 = { "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #8 = { nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none) }

!llvm.module.flags = !{!0, !1, !2, !3, !4}
!llvm.ident = !{!5}
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
!15 = !{!16}
!16 = !{i64 2, i64 -1, i64 -1, i1 true}
