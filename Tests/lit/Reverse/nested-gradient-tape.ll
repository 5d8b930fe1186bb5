; Reverse over reverse: the gradient of @outer differentiates @diffeinner, the gradient it calls.
; The inner tape and its shadow start empty (not from the thread's kept buffer, a global without a
; shadow), and both buffers are released after the outer gradient, not kept or freed when the
; inner gradient ends: the outer reverse sweep reads them.
; RUN: %swad-opt %s -O0 -S | FileCheck %s

; CHECK-LABEL: define internal void @augmented_diffeinner(
; CHECK:         store { ptr, ptr, ptr } zeroinitializer, ptr %[[TAPE:tape[0-9]*]]
; CHECK-NEXT:    store { ptr, ptr, ptr } zeroinitializer, ptr %"'tape"
; CHECK-NOT:     call void @swad.tape.start
; CHECK:         %tape.base = load ptr, ptr %[[TAPE]]
; CHECK-NEXT:    %[[ENTRY:[0-9]+]] = call ptr @swad.tape.reserve(ptr @swad.release.after, i64 16)
; CHECK-NEXT:    store ptr %tape.base, ptr %[[ENTRY]]
; CHECK:         %tape.shadow.base = load ptr, ptr %"'tape"
; CHECK-NEXT:    %[[SHADOW_ENTRY:[0-9]+]] = call ptr @swad.tape.reserve(ptr @swad.release.after, i64 16)
; CHECK-NEXT:    store ptr %tape.shadow.base, ptr %[[SHADOW_ENTRY]]
; CHECK-NOT:     call void @swad.tape.free
; CHECK:         ret void

source_filename = "rr.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
@enzyme_dup = external local_unnamed_addr global i32, align 4
@enzyme_const = external local_unnamed_addr global i32, align 4
define dso_local double @inner(ptr noundef readonly captures(none) %0, i32 noundef %1) #0 {
  %3 = icmp sgt i32 %1, 0
  br i1 %3, label %4, label %9
4:                                                ; preds = %2
  %5 = load double, ptr %0, align 8
  %6 = getelementptr inbounds nuw i8, ptr %0, i64 8
  %7 = load double, ptr %6, align 8
  %8 = fmul double %5, %7
  br label %11
9:                                                ; preds = %11, %2
  %10 = phi double [ 0.000000e+00, %2 ], [ %15, %11 ]
  ret double %10
11:                                               ; preds = %4, %11
  %12 = phi i32 [ 0, %4 ], [ %16, %11 ]
  %13 = phi double [ 0.000000e+00, %4 ], [ %15, %11 ]
  %14 = uitofp nneg i32 %12 to double
  %15 = tail call double @llvm.fmuladd.f64(double %8, double %14, double %13)
  %16 = add nuw nsw i32 %12, 1
  %17 = icmp eq i32 %16, %1
  br i1 %17, label %9, label %11
}
declare void @llvm.lifetime.start.p0(ptr captures(none)) #1
declare double @llvm.fmuladd.f64(double, double, double) #2
declare void @llvm.lifetime.end.p0(ptr captures(none)) #1
define dso_local double @outer(ptr noundef readonly captures(none) %0, i32 noundef %1) #3 {
  %3 = alloca [2 x double], align 16
  %4 = alloca [2 x double], align 16
  call void @llvm.lifetime.start.p0(ptr nonnull %3) #6
  %5 = load double, ptr %0, align 8
  store double %5, ptr %3, align 16
  %6 = getelementptr inbounds nuw i8, ptr %3, i64 8
  %7 = getelementptr inbounds nuw i8, ptr %0, i64 8
  %8 = load double, ptr %7, align 8
  store double %8, ptr %6, align 8
  %9 = getelementptr inbounds nuw i8, ptr %4, i64 8
  br label %12
10:                                               ; preds = %12
  %11 = fmul double %18, %21
  call void @llvm.lifetime.end.p0(ptr nonnull %3) #6
  ret double %11
12:                                               ; preds = %2, %12
  %13 = phi i1 [ true, %2 ], [ false, %12 ]
  call void @llvm.lifetime.start.p0(ptr nonnull %4) #6
  call void @llvm.memset.p0.i64(ptr noundef nonnull align 16 dereferenceable(16) %4, i8 0, i64 16, i1 false)
  %14 = load i32, ptr @enzyme_dup, align 4
  %15 = load i32, ptr @enzyme_const, align 4
  call void (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @inner, i32 noundef %14, ptr noundef nonnull %3, ptr noundef nonnull %4, i32 noundef %15, i32 noundef %1) #6
  %16 = load double, ptr %4, align 16
  %17 = load double, ptr %3, align 16
  %18 = call double @llvm.fmuladd.f64(double %16, double -3.000000e-01, double %17)
  store double %18, ptr %3, align 16
  %19 = load double, ptr %9, align 8
  %20 = load double, ptr %6, align 8
  %21 = call double @llvm.fmuladd.f64(double %19, double -3.000000e-01, double %20)
  store double %21, ptr %6, align 8
  call void @llvm.lifetime.end.p0(ptr nonnull %4) #6
  br i1 %13, label %12, label %10
}
declare void @llvm.memset.p0.i64(ptr writeonly captures(none), i8, i64, i1 immarg) #4
declare void @__enzyme_autodiff(ptr noundef, ...) local_unnamed_addr #5
define dso_local void @meta(ptr noundef %0, ptr noundef %1, i32 noundef %2) local_unnamed_addr #3 {
  %4 = load i32, ptr @enzyme_dup, align 4
  %5 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @outer, i32 noundef %4, ptr noundef %0, ptr noundef %1, i32 noundef %5, i32 noundef %2) #6
  ret void
}
attributes #0 = { nofree norecurse nosync nounwind memory(argmem: read) uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { mustprogress nocallback nofree nosync nounwind willreturn memory(argmem: readwrite) }
attributes #2 = { mustprogress nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none) }
attributes #3 = { nounwind uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #4 = { mustprogress nocallback nofree nounwind willreturn memory(argmem: write) }
attributes #5 = { "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #6 = { nounwind }
