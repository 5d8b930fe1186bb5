; REQUIRES: openmp
; RUN: %swad-opt %s -O0 -S | FileCheck %s
; '#pragma omp critical' around p *= x[i], whose adjoint depends on the order: the forward sweep
; numbers the sections as threads leave them; the reverse of __kmpc_end_critical waits for its
; number, then locks (with the current thread's number); the reverse of __kmpc_critical unlocks.
; CHECK-LABEL: define internal void @augmented_f.omp_outlined(
; CHECK: call void @__kmpc_critical(
; CHECK: [[TEAM:%.*]] = load ptr, ptr @swad.omp.team
; CHECK: atomicrmw add ptr {{%.*}}, i64 1 monotonic
; CHECK: call void @__kmpc_end_critical(
; CHECK-LABEL: define internal void @diffe_reverse_f.omp_outlined(
; CHECK: omp.critical.wait:
; CHECK: %ticket = load atomic i64, ptr {{%.*}} acquire
; CHECK: omp.critical.spin:
; CHECK: call i32 @sched_yield()
; CHECK: omp.critical.enter:
; CHECK: [[GTID:%.*]] = call i32 @__kmpc_global_thread_num(
; CHECK: call void @__kmpc_critical(ptr @{{.*}}, i32 [[GTID]], ptr @.gomp_critical_user_.var)
; CHECK: store atomic i64 {{%.*}}, ptr {{%.*}} release
; CHECK: fmul contract double
; CHECK: [[GTID2:%.*]] = call i32 @__kmpc_global_thread_num(
; CHECK: call void @__kmpc_end_critical(ptr @{{.*}}, i32 [[GTID2]], ptr @.gomp_critical_user_.var)

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.ident_t = type { i32, i32, i32, i32, ptr }

@0 = private unnamed_addr constant [23 x i8] c";unknown;unknown;0;0;;\00", align 1
@1 = private unnamed_addr constant %struct.ident_t { i32 0, i32 514, i32 0, i32 22, ptr @0 }, align 8
@.gomp_critical_user_.var = common global [8 x i32] zeroinitializer, align 8
@2 = private unnamed_addr constant %struct.ident_t { i32 0, i32 2, i32 0, i32 22, ptr @0 }, align 8
@enzyme_dup = external local_unnamed_addr global i32, align 4

; Function Attrs: nounwind uwtable
define dso_local double @f(ptr noundef %0, i32 noundef %1) #0 {
  %3 = alloca ptr, align 8
  %4 = alloca i32, align 4
  %5 = alloca double, align 8
  store ptr %0, ptr %3, align 8, !tbaa !10
  store i32 %1, ptr %4, align 4, !tbaa !6
  call void @llvm.lifetime.start.p0(ptr nonnull %5) #3
  store double 1.000000e+00, ptr %5, align 8, !tbaa !13
  call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr nonnull @2, i32 3, ptr nonnull @f.omp_outlined, ptr nonnull %4, ptr nonnull %5, ptr nonnull %3)
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
  %10 = load i32, ptr %2, align 4, !tbaa !6
  %11 = icmp sgt i32 %10, 0
  br i1 %11, label %12, label %33

12:                                               ; preds = %5
  %13 = add nsw i32 %10, -1
  call void @llvm.lifetime.start.p0(ptr nonnull %6) #3
  store i32 0, ptr %6, align 4, !tbaa !6
  call void @llvm.lifetime.start.p0(ptr nonnull %7) #3
  store i32 %13, ptr %7, align 4, !tbaa !6
  call void @llvm.lifetime.start.p0(ptr nonnull %8) #3
  store i32 1, ptr %8, align 4, !tbaa !6
  call void @llvm.lifetime.start.p0(ptr nonnull %9) #3
  store i32 0, ptr %9, align 4, !tbaa !6
  %14 = load i32, ptr %0, align 4, !tbaa !6
  call void @__kmpc_for_static_init_4(ptr nonnull @1, i32 %14, i32 34, ptr nonnull %9, ptr nonnull %6, ptr nonnull %7, ptr nonnull %8, i32 1, i32 1)
  %15 = load i32, ptr %7, align 4, !tbaa !6
  %16 = call i32 @llvm.smin.i32(i32 %15, i32 %13)
  store i32 %16, ptr %7, align 4, !tbaa !6
  %17 = load i32, ptr %6, align 4, !tbaa !6
  %18 = icmp sgt i32 %17, %16
  br i1 %18, label %32, label %19

19:                                               ; preds = %12
  %20 = sext i32 %17 to i64
  br label %21

21:                                               ; preds = %19, %21
  %22 = phi i64 [ %20, %19 ], [ %28, %21 ]
  call void @__kmpc_critical(ptr nonnull @2, i32 %14, ptr nonnull @.gomp_critical_user_.var)
  %23 = load ptr, ptr %4, align 8, !tbaa !10
  %24 = getelementptr inbounds double, ptr %23, i64 %22
  %25 = load double, ptr %24, align 8, !tbaa !13
  %26 = load double, ptr %3, align 8, !tbaa !13
  %27 = fmul double %25, %26
  store double %27, ptr %3, align 8, !tbaa !13
  call void @__kmpc_end_critical(ptr nonnull @2, i32 %14, ptr nonnull @.gomp_critical_user_.var)
  %28 = add nsw i64 %22, 1
  %29 = load i32, ptr %7, align 4, !tbaa !6
  %30 = sext i32 %29 to i64
  %31 = icmp slt i64 %22, %30
  br i1 %31, label %21, label %32

32:                                               ; preds = %21, %12
  call void @__kmpc_for_static_fini(ptr nonnull @1, i32 %14)
  call void @llvm.lifetime.end.p0(ptr nonnull %9) #3
  call void @llvm.lifetime.end.p0(ptr nonnull %8) #3
  call void @llvm.lifetime.end.p0(ptr nonnull %7) #3
  call void @llvm.lifetime.end.p0(ptr nonnull %6) #3
  br label %33

33:                                               ; preds = %32, %5
  ret void
}

; Function Attrs: mustprogress nocallback nofree nosync nounwind willreturn memory(argmem: readwrite)
declare void @llvm.lifetime.end.p0(ptr captures(none)) #1

; Function Attrs: nounwind
declare void @__kmpc_for_static_init_4(ptr, i32, i32, ptr, ptr, ptr, ptr, i32, i32) local_unnamed_addr #3

; Function Attrs: convergent nounwind
declare void @__kmpc_critical(ptr, i32, ptr) local_unnamed_addr #4

; Function Attrs: convergent nounwind
declare void @__kmpc_end_critical(ptr, i32, ptr) local_unnamed_addr #4

; Function Attrs: nounwind
declare void @__kmpc_for_static_fini(ptr, i32) local_unnamed_addr #3

; Function Attrs: nounwind
declare !callback !15 void @__kmpc_fork_call(ptr, i32, ptr, ...) local_unnamed_addr #3

; Function Attrs: nounwind uwtable
define dso_local void @grad(ptr noundef %0, ptr noundef %1, i32 noundef %2) local_unnamed_addr #0 {
  %4 = load i32, ptr @enzyme_dup, align 4, !tbaa !6
  %5 = tail call double (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @f, i32 noundef %4, ptr noundef %0, ptr noundef %1, i32 noundef %2) #3
  ret void
}

declare double @__enzyme_autodiff(ptr noundef, ...) local_unnamed_addr #5

; Function Attrs: nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none)
declare i32 @llvm.smin.i32(i32, i32) #6

attributes #0 = { nounwind uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { mustprogress nocallback nofree nosync nounwind willreturn memory(argmem: readwrite) }
attributes #2 = { alwaysinline norecurse nounwind uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #3 = { nounwind }
attributes #4 = { convergent nounwind }
attributes #5 = { "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #6 = { nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none) }

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
