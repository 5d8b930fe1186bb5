; RUN: %swad-opt %s -O0 -S -o - | FileCheck %s
; Forward over reverse (a Hessian-vector product: __enzyme_fwddiff of a function that calls
; __enzyme_autodiff): the gradient registers the shadow of a block freed away from its allocation
; (made by @make, freed by @f) on a thread's list, @swad.release.after, released when the gradient
; is done. Forward mode gives each record a second record on the same list for the tangent of that
; shadow, and does not differentiate the list's own growth: differentiated, the list's block was
; realloc'd a second time as its "shadow" (a block freed twice once the list outgrew 64 KiB, and a
; crash), and the tangent blocks leaked (Runtime/Composition/hessian-vector-release-list.c).
;
; CHECK-LABEL: define internal { double, double } @fwddiffeaugmented_f(
; CHECK: %[[RECORD:[0-9]+]] = call ptr @swad.tape.reserve(ptr @swad.release.after, i64 16)
; CHECK-NEXT: %.tangent = call ptr @swad.tape.reserve(ptr @swad.release.after, i64 16)
; CHECK-NEXT: store ptr %{{[0-9]+}}, ptr %[[RECORD]]
; CHECK-NOT: @fwddiffeswad.tape.reserve{{[.0-9]*}}(ptr @swad.release.after

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4
@enzyme_const = external local_unnamed_addr global i32, align 4

define dso_local noalias noundef ptr @make(i32 noundef %0) local_unnamed_addr #0 {
  %2 = sext i32 %0 to i64
  %3 = shl nsw i64 %2, 3
  %4 = tail call noalias ptr @malloc(i64 noundef %3) #7
  ret ptr %4
}

declare noalias noundef ptr @malloc(i64 noundef) local_unnamed_addr #1

define dso_local double @f(ptr noundef readonly captures(none) %0, i32 noundef %1) #2 {
  %3 = tail call ptr @make(i32 noundef %1)
  %4 = icmp sgt i32 %1, 0
  br i1 %4, label %5, label %7

5:                                                ; preds = %2
  %6 = zext nneg i32 %1 to i64
  br label %9

7:                                                ; preds = %9, %2
  %8 = phi double [ 0.000000e+00, %2 ], [ %16, %9 ]
  tail call void @free(ptr noundef %3) #8
  ret double %8

9:                                                ; preds = %5, %9
  %10 = phi i64 [ 0, %5 ], [ %17, %9 ]
  %11 = phi double [ 0.000000e+00, %5 ], [ %16, %9 ]
  %12 = getelementptr inbounds nuw double, ptr %0, i64 %10
  %13 = load double, ptr %12, align 8
  %14 = fmul double %13, %13
  %15 = getelementptr inbounds nuw double, ptr %3, i64 %10
  store double %14, ptr %15, align 8
  %16 = tail call double @llvm.fmuladd.f64(double %14, double %13, double %11)
  %17 = add nuw nsw i64 %10, 1
  %18 = icmp eq i64 %17, %6
  br i1 %18, label %7, label %9
}

declare double @llvm.fmuladd.f64(double, double, double) #3

declare void @free(ptr allocptr noundef captures(none)) local_unnamed_addr #4

define dso_local void @grad(ptr noundef %0, ptr noundef %1, i32 noundef %2) #5 {
  %4 = load i32, ptr @enzyme_dup, align 4
  %5 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @f, i32 noundef %4, ptr noundef %0, ptr noundef %1, i32 noundef %5, i32 noundef %2) #8
  ret void
}

declare void @__enzyme_autodiff(ptr noundef, ...) local_unnamed_addr #6

define dso_local void @hvp(ptr noundef %0, ptr noundef %1, ptr noundef %2, ptr noundef %3, i32 noundef %4) local_unnamed_addr #5 {
  %6 = load i32, ptr @enzyme_dup, align 4
  %7 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_fwddiff(ptr noundef nonnull @grad, i32 noundef %6, ptr noundef %0, ptr noundef %1, i32 noundef %6, ptr noundef %2, ptr noundef %3, i32 noundef %7, i32 noundef %4) #8
  ret void
}

declare void @__enzyme_fwddiff(ptr noundef, ...) local_unnamed_addr #6

attributes #0 = { mustprogress nofree noinline nounwind willreturn memory(inaccessiblemem: readwrite) uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { mustprogress nofree nounwind willreturn allockind("alloc,uninitialized") allocsize(0) memory(inaccessiblemem: readwrite) "alloc-family"="malloc" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #2 = { noinline nounwind memory(readwrite, argmem: read, target_mem0: none, target_mem1: none) uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #3 = { mustprogress nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none) }
attributes #4 = { mustprogress nounwind willreturn allockind("free") memory(argmem: readwrite, inaccessiblemem: readwrite) "alloc-family"="malloc" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #5 = { nounwind uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #6 = { "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #7 = { nounwind allocsize(0) }
attributes #8 = { nounwind }


