; --vector-library=swad through the post-AD pipeline: the primal's loop over tanh and the gradient's
; forward sweep (inlined into @grad) vectorize, their tanh written out as two-lane arithmetic (SSE2),
; with no call of tanh or of a vector function left; with AVX2 and FMA, four lanes, whose
; multiply-adds (llvm.fmuladd) code generation fuses.
; RUN: %swad-opt --vector-library=swad %s -S | FileCheck %s
; RUN: sed -e 's/"target-cpu"="x86-64" "target-features"="[^"]*"/"target-cpu"="haswell" "target-features"="+avx,+avx2,+fma,+sse,+sse2,+sse4.2"/' %s \
; RUN:   | %swad-opt --vector-library=swad - -S | FileCheck %s --check-prefix=AVX2

; CHECK-NOT: call {{.*}}tanh
; CHECK-NOT: _ZGV
; CHECK-LABEL: define dso_local void @layer(
; CHECK: vector.body:
; CHECK: fdiv <2 x double>
; CHECK: call <2 x double> @llvm.copysign.v2f64(
; CHECK-LABEL: define dso_local void @grad(
; CHECK: vector.body:
; CHECK: fdiv <2 x double>
; CHECK: call <2 x double> @llvm.copysign.v2f64(
; CHECK-NOT: call {{.*}}tanh

; AVX2-LABEL: define dso_local void @layer(
; AVX2: vector.body:
; AVX2: call <4 x double> @llvm.fmuladd.v4f64(
; AVX2: fdiv <4 x double>
; AVX2-LABEL: define dso_local void @grad(
; AVX2: vector.body:
; AVX2: fdiv <4 x double>

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external global i32
@enzyme_const = external global i32

; h[i] = tanh(z[i])
define dso_local void @layer(ptr noalias noundef readonly captures(none) %0, ptr noalias noundef writeonly captures(none) %1, i32 noundef %2) #0 {
  %4 = icmp sgt i32 %2, 0
  br i1 %4, label %5, label %7
5:                                                ; preds = %3
  %6 = zext nneg i32 %2 to i64
  br label %8
7:                                                ; preds = %8, %3
  ret void
8:                                                ; preds = %5, %8
  %9 = phi i64 [ 0, %5 ], [ %14, %8 ]
  %10 = getelementptr inbounds nuw double, ptr %0, i64 %9
  %11 = load double, ptr %10, align 8
  %12 = tail call double @llvm.tanh.f64(double %11)
  %13 = getelementptr inbounds nuw double, ptr %1, i64 %9
  store double %12, ptr %13, align 8
  %14 = add nuw nsw i64 %9, 1
  %15 = icmp eq i64 %14, %6
  br i1 %15, label %7, label %8
}
declare double @llvm.tanh.f64(double) #1
define dso_local void @grad(ptr noundef %0, ptr noundef %1, ptr noundef %2, ptr noundef %3, i32 noundef %4) #2 {
  %6 = load i32, ptr @enzyme_dup, align 4
  %7 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @layer, i32 noundef %6, ptr noundef %0, ptr noundef %1, i32 noundef %6, ptr noundef %2, ptr noundef %3, i32 noundef %7, i32 noundef %4)
  ret void
}
declare void @__enzyme_autodiff(ptr noundef, ...)

attributes #0 = { nofree norecurse nosync nounwind memory(argmem: readwrite) "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" }
attributes #1 = { mustprogress nocallback nofree nosync nounwind speculatable willreturn memory(none) }
attributes #2 = { nounwind "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" }
