; REQUIRES: openmp
; RUN: %swad-opt %s -O0 -S -o %t.ll --remarks 2>%t.remarks
; RUN: FileCheck %s --input-file %t.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file %t.remarks
; A parallel region of a combined gradient reads the caller's data through the variables it
; captures: the input `x` (a stack slot holding the caller's argument) and a table `q` the caller
; allocated and filled before the fork (a stack slot holding the caller's heap block). Nothing after
; the fork writes them, the region writes neither (only its reduction variable, another slot of the
; caller, and its own stack), so its reverse sweep loads q[i % 4] and x[i] again instead of keeping
; them (`ReverseSignature.callerObjects`): the loop's record is the index alone. The source:
;
;   static double scaled(const double *x, int n) {
;     double *q = malloc(sizeof(double) * 4);
;     for (int k = 0; k < 4; k++) q[k] = x[k] * x[k];
;     double s = 0;
;   #pragma omp parallel for reduction(+ : s) schedule(static)
;     for (int i = 0; i < n; i++) s += q[i % 4] * x[i];
;     free(q);
;     return s;
;   }
;   void gradient(const double *x, double *dx, int n) {
;     __enzyme_autodiff((void *)scaled, enzyme_dup, x, dx, enzyme_const, n);
;   }

; REMARK: scaled.omp_outlined: the tape keeps 8 bytes each time block #4 runs (in a loop of depth 1: per iteration{{.*}}): %{{[0-9]+}} (srem){{$}}

; The augmented loop records the index only, no double.
; CHECK-LABEL: define internal void @augmented_scaled.omp_outlined(
; CHECK: call double @llvm.fmuladd.f64(
; CHECK: [[RECORD:%.*]] = call ptr @swad.tape.reserve(ptr %tape, i64 8)
; CHECK-NEXT: store i32 {{%.*}}, ptr [[RECORD]]
; CHECK-NEXT: br i1

; The reverse loop loads q[i % 4] and x[i] from the caller's memory.
; CHECK-LABEL: define internal void @diffe_reverse_scaled.omp_outlined(
; CHECK: [[Q:%.*]] = getelementptr inbounds double, ptr {{%.*}}, i64 {{%.*}}
; CHECK: load double, ptr [[Q]], align 8, !tbaa
; CHECK: [[X:%.*]] = getelementptr inbounds double, ptr {{%.*}}, i64 {{%.*}}
; CHECK: load double, ptr [[X]], align 8, !tbaa

; ModuleID = 'r.c'
source_filename = "r.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.ident_t = type { i32, i32, i32, i32, ptr }

@enzyme_dup = external local_unnamed_addr global i32, align 4
@enzyme_const = external local_unnamed_addr global i32, align 4
@0 = private unnamed_addr constant [23 x i8] c";unknown;unknown;0;0;;\00", align 1
@1 = private unnamed_addr constant %struct.ident_t { i32 0, i32 514, i32 0, i32 22, ptr @0 }, align 8
@.gomp_critical_user_.reduction.var = common global [8 x i32] zeroinitializer, align 8
@2 = private unnamed_addr constant %struct.ident_t { i32 0, i32 18, i32 0, i32 22, ptr @0 }, align 8
@3 = private unnamed_addr constant %struct.ident_t { i32 0, i32 2, i32 0, i32 22, ptr @0 }, align 8

; Function Attrs: nounwind uwtable
define dso_local void @gradient(ptr noundef %0, ptr noundef %1, i32 noundef %2) local_unnamed_addr #0 {
  %4 = load i32, ptr @enzyme_dup, align 4, !tbaa !6
  %5 = load i32, ptr @enzyme_const, align 4, !tbaa !6
  tail call void (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @scaled, i32 noundef %4, ptr noundef %0, ptr noundef %1, i32 noundef %5, i32 noundef %2) #5
  ret void
}

declare void @__enzyme_autodiff(ptr noundef, ...) local_unnamed_addr #1

; Function Attrs: nounwind uwtable
define internal double @scaled(ptr noundef %0, i32 noundef %1) #0 {
  %3 = alloca ptr, align 8
  %4 = alloca i32, align 4
  %5 = alloca ptr, align 8
  %6 = alloca double, align 8
  store ptr %0, ptr %3, align 8, !tbaa !10
  store i32 %1, ptr %4, align 4, !tbaa !6
  call void @llvm.lifetime.start.p0(ptr nonnull %5) #5
  %7 = tail call noalias dereferenceable_or_null(32) ptr @malloc(i64 noundef 32) #11
  store ptr %7, ptr %5, align 8, !tbaa !10
  br label %11

8:                                                ; preds = %11
  call void @llvm.lifetime.start.p0(ptr nonnull %6) #5
  store double 0.000000e+00, ptr %6, align 8, !tbaa !13
  call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr nonnull @3, i32 4, ptr nonnull @scaled.omp_outlined, ptr nonnull %4, ptr nonnull %6, ptr nonnull %5, ptr nonnull %3)
  %9 = load ptr, ptr %5, align 8, !tbaa !10
  call void @free(ptr noundef %9) #5
  %10 = load double, ptr %6, align 8, !tbaa !13
  call void @llvm.lifetime.end.p0(ptr nonnull %6) #5
  call void @llvm.lifetime.end.p0(ptr nonnull %5) #5
  ret double %10

11:                                               ; preds = %2, %11
  %12 = phi i64 [ 0, %2 ], [ %17, %11 ]
  %13 = getelementptr inbounds nuw double, ptr %0, i64 %12
  %14 = load double, ptr %13, align 8, !tbaa !13
  %15 = fmul double %14, %14
  %16 = getelementptr inbounds nuw double, ptr %7, i64 %12
  store double %15, ptr %16, align 8, !tbaa !13
  %17 = add nuw nsw i64 %12, 1
  %18 = icmp eq i64 %17, 4
  br i1 %18, label %8, label %11, !llvm.loop !15
}

; Function Attrs: mustprogress nocallback nofree nosync nounwind willreturn memory(argmem: readwrite)
declare void @llvm.lifetime.start.p0(ptr captures(none)) #2

; Function Attrs: mustprogress nofree nounwind willreturn allockind("alloc,uninitialized") allocsize(0) memory(inaccessiblemem: readwrite)
declare noalias noundef ptr @malloc(i64 noundef) local_unnamed_addr #3

; Function Attrs: mustprogress nocallback nofree nosync nounwind willreturn memory(argmem: readwrite)
declare void @llvm.lifetime.end.p0(ptr captures(none)) #2

; Function Attrs: alwaysinline norecurse nounwind uwtable
define internal void @scaled.omp_outlined(ptr noalias noundef readonly captures(none) %0, ptr noalias readnone captures(none) %1, ptr noundef nonnull readonly align 4 captures(none) dereferenceable(4) %2, ptr noundef nonnull align 8 captures(none) dereferenceable(8) %3, ptr noundef nonnull readonly align 8 captures(none) dereferenceable(8) %4, ptr noundef nonnull readonly align 8 captures(none) dereferenceable(8) %5) #4 {
  %7 = alloca i32, align 4
  %8 = alloca i32, align 4
  %9 = alloca i32, align 4
  %10 = alloca i32, align 4
  %11 = alloca double, align 8
  %12 = alloca [1 x ptr], align 8
  %13 = load i32, ptr %2, align 4, !tbaa !6
  %14 = icmp sgt i32 %13, 0
  br i1 %14, label %15, label %51

15:                                               ; preds = %6
  %16 = add nsw i32 %13, -1
  call void @llvm.lifetime.start.p0(ptr nonnull %7) #5
  store i32 0, ptr %7, align 4, !tbaa !6
  call void @llvm.lifetime.start.p0(ptr nonnull %8) #5
  store i32 %16, ptr %8, align 4, !tbaa !6
  call void @llvm.lifetime.start.p0(ptr nonnull %9) #5
  store i32 1, ptr %9, align 4, !tbaa !6
  call void @llvm.lifetime.start.p0(ptr nonnull %10) #5
  store i32 0, ptr %10, align 4, !tbaa !6
  call void @llvm.lifetime.start.p0(ptr nonnull %11) #5
  store double 0.000000e+00, ptr %11, align 8, !tbaa !13
  %17 = load i32, ptr %0, align 4, !tbaa !6
  call void @__kmpc_for_static_init_4(ptr nonnull @1, i32 %17, i32 34, ptr nonnull %10, ptr nonnull %7, ptr nonnull %8, ptr nonnull %9, i32 1, i32 1)
  %18 = load i32, ptr %8, align 4, !tbaa !6
  %19 = call i32 @llvm.smin.i32(i32 %18, i32 %16)
  store i32 %19, ptr %8, align 4, !tbaa !6
  %20 = load i32, ptr %7, align 4, !tbaa !6
  %21 = icmp sgt i32 %20, %19
  br i1 %21, label %41, label %22

22:                                               ; preds = %15
  %23 = load ptr, ptr %4, align 8, !tbaa !10
  %24 = load ptr, ptr %5, align 8, !tbaa !10
  %25 = sext i32 %20 to i64
  %26 = add nsw i32 %19, 1
  br label %27

27:                                               ; preds = %22, %27
  %28 = phi i64 [ %25, %22 ], [ %38, %27 ]
  %29 = phi double [ 0.000000e+00, %22 ], [ %37, %27 ]
  %30 = trunc nsw i64 %28 to i32
  %31 = srem i32 %30, 4
  %32 = sext i32 %31 to i64
  %33 = getelementptr inbounds double, ptr %23, i64 %32
  %34 = load double, ptr %33, align 8, !tbaa !13
  %35 = getelementptr inbounds double, ptr %24, i64 %28
  %36 = load double, ptr %35, align 8, !tbaa !13
  %37 = call double @llvm.fmuladd.f64(double %34, double %36, double %29)
  store double %37, ptr %11, align 8, !tbaa !13
  %38 = add nsw i64 %28, 1
  %39 = trunc i64 %38 to i32
  %40 = icmp eq i32 %26, %39
  br i1 %40, label %41, label %27

41:                                               ; preds = %27, %15
  call void @__kmpc_for_static_fini(ptr nonnull @1, i32 %17)
  store ptr %11, ptr %12, align 8
  %42 = call i32 @__kmpc_reduce_nowait(ptr nonnull @2, i32 %17, i32 1, i64 8, ptr nonnull %12, ptr nonnull @scaled.omp_outlined.omp.reduction.reduction_func, ptr nonnull @.gomp_critical_user_.reduction.var)
  switch i32 %42, label %50 [
    i32 1, label %43
    i32 2, label %47
  ]

43:                                               ; preds = %41
  %44 = load double, ptr %3, align 8, !tbaa !13
  %45 = load double, ptr %11, align 8, !tbaa !13
  %46 = fadd double %44, %45
  store double %46, ptr %3, align 8, !tbaa !13
  call void @__kmpc_end_reduce_nowait(ptr nonnull @2, i32 %17, ptr nonnull @.gomp_critical_user_.reduction.var)
  br label %50

47:                                               ; preds = %41
  %48 = load double, ptr %11, align 8, !tbaa !13
  %49 = atomicrmw fadd ptr %3, double %48 monotonic, align 8
  br label %50

50:                                               ; preds = %47, %43, %41
  call void @llvm.lifetime.end.p0(ptr nonnull %11) #5
  call void @llvm.lifetime.end.p0(ptr nonnull %10) #5
  call void @llvm.lifetime.end.p0(ptr nonnull %9) #5
  call void @llvm.lifetime.end.p0(ptr nonnull %8) #5
  call void @llvm.lifetime.end.p0(ptr nonnull %7) #5
  br label %51

51:                                               ; preds = %50, %6
  ret void
}

; Function Attrs: nounwind
declare void @__kmpc_for_static_init_4(ptr, i32, i32, ptr, ptr, ptr, ptr, i32, i32) local_unnamed_addr #5

; Function Attrs: mustprogress nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none)
declare double @llvm.fmuladd.f64(double, double, double) #6

; Function Attrs: nounwind
declare void @__kmpc_for_static_fini(ptr, i32) local_unnamed_addr #5

; Function Attrs: mustprogress nofree norecurse nosync nounwind willreturn memory(readwrite, inaccessiblemem: none, target_mem0: none, target_mem1: none) uwtable
define internal void @scaled.omp_outlined.omp.reduction.reduction_func(ptr noundef readonly captures(none) %0, ptr noundef readonly captures(none) %1) #7 {
  %3 = load ptr, ptr %1, align 8
  %4 = load ptr, ptr %0, align 8
  %5 = load double, ptr %4, align 8, !tbaa !13
  %6 = load double, ptr %3, align 8, !tbaa !13
  %7 = fadd double %5, %6
  store double %7, ptr %4, align 8, !tbaa !13
  ret void
}

; Function Attrs: convergent nounwind
declare i32 @__kmpc_reduce_nowait(ptr, i32, i32, i64, ptr, ptr, ptr) local_unnamed_addr #8

; Function Attrs: convergent nounwind
declare void @__kmpc_end_reduce_nowait(ptr, i32, ptr) local_unnamed_addr #8

; Function Attrs: nounwind
declare !callback !18 void @__kmpc_fork_call(ptr, i32, ptr, ...) local_unnamed_addr #5

; Function Attrs: mustprogress nounwind willreturn allockind("free") memory(argmem: readwrite, inaccessiblemem: readwrite)
declare void @free(ptr allocptr noundef captures(none)) local_unnamed_addr #9

; Function Attrs: nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none)
declare i32 @llvm.smin.i32(i32, i32) #10

attributes #0 = { nounwind uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #2 = { mustprogress nocallback nofree nosync nounwind willreturn memory(argmem: readwrite) }
attributes #3 = { mustprogress nofree nounwind willreturn allockind("alloc,uninitialized") allocsize(0) memory(inaccessiblemem: readwrite) "alloc-family"="malloc" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #4 = { alwaysinline norecurse nounwind uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #5 = { nounwind }
attributes #6 = { mustprogress nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none) }
attributes #7 = { mustprogress nofree norecurse nosync nounwind willreturn memory(readwrite, inaccessiblemem: none, target_mem0: none, target_mem1: none) uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #8 = { convergent nounwind }
attributes #9 = { mustprogress nounwind willreturn allockind("free") memory(argmem: readwrite, inaccessiblemem: readwrite) "alloc-family"="malloc" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #10 = { nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none) }
attributes #11 = { nounwind allocsize(0) }

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
!15 = distinct !{!15, !16, !17}
!16 = !{!"llvm.loop.mustprogress"}
!17 = !{!"llvm.loop.unroll.disable"}
!18 = !{!19}
!19 = !{i64 2, i64 -1, i64 -1, i1 true}
