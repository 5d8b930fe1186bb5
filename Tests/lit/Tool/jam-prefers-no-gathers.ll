; RUN: %swad-opt %s -S -o - | FileCheck %s --implicit-check-not="prefer-no-gather"
;
; A derivative with a jammed loop nest (ReductionLoopJamming) prefers no gathers on x86: the jammed
; rows' loads are a row apart (W[i][j], W[i+1][j], ...), and the SLP vectorizer would pack the
; eight sums into one vector whose elements each iteration gathers (vgatherqpd with AVX-512, three
; times the sums' four-cycle chain on Zen 4). With the preference it builds the vector from scalar
; loads. Each function is rows(x) = sum_i V_i (W x)_i^2 over 64x64, compiled for znver4:
;  - @rows: the derivative gets the primal's features with +prefer-no-gather, and loads no vector
;    by gathering; the primal and its caller keep theirs.
;  - @rows_user: the user's own -prefer-no-gather stands, and there the vectorizer gathers (what
;    the preference spares the others).
;  - @rows_sse2: compiled for x86-64 without AVX2 or AVX-512, which have no gathers: no
;    preference (which would only keep the derivative from being inlined).
;  - @rows_bare: no "target-features" (code generation uses the target machine's): the derivative
;    gets the machine's, with the preference.
; A derivative with the preference is not inlined into a caller without it (LLVM inlines only
; into callers with every feature of the callee): @gradient_rows calls @differows, where
; @gradient_rows_sse2 has the derivative inlined.
;
; CHECK-LABEL: define dso_local double @rows(
; CHECK-SAME: #[[PRIMAL:[0-9]+]]
; CHECK-LABEL: define void @gradient_rows(
; CHECK-SAME: #[[PRIMAL_CALLER:[0-9]+]]
; CHECK: call fastcc void @differows(
; CHECK-LABEL: define void @gradient_rows_user(
; CHECK: call <8 x double> @llvm.masked.gather.v8f64
; CHECK-LABEL: define void @gradient_rows_sse2(
; CHECK-NOT: call {{.*}}@differows_sse2(
; CHECK-LABEL: define void @gradient_rows_bare(
; CHECK: call fastcc void @differows_bare(
; CHECK-LABEL: define internal fastcc void @differows(
; CHECK-SAME: #[[DIFF:[0-9]+]]
; CHECK-NOT: masked.gather
; CHECK-LABEL: define internal fastcc void @differows_bare(
; CHECK-SAME: #[[BARE:[0-9]+]]
; CHECK-NOT: masked.gather
; CHECK-LABEL: declare
; CHECK-DAG: attributes #[[PRIMAL]] = { {{.*}}"target-features"="+avx,+avx2,+avx512dq,+avx512f,+avx512vl,+fma,+sse4.2" }
; CHECK-DAG: attributes #[[PRIMAL_CALLER]] = { {{.*}}"target-features"="+avx,+avx2,+avx512dq,+avx512f,+avx512vl,+fma,+sse4.2" }
; CHECK-DAG: attributes #[[DIFF]] = { {{.*}}"target-features"="+avx,+avx2,+avx512dq,+avx512f,+avx512vl,+fma,+sse4.2,+prefer-no-gather" }
; CHECK-DAG: attributes #{{[0-9]+}} = { {{.*}}"target-features"="+avx,+avx2,+avx512dq,+avx512f,+avx512vl,+fma,+sse4.2,-prefer-no-gather" }
; CHECK-DAG: attributes #[[BARE]] = { "target-features"="{{[^"]+}},+prefer-no-gather" }

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@W = global [64 x [64 x double]] zeroinitializer, align 16
@V = global [64 x double] zeroinitializer, align 16
@enzyme_dup = external global i32

define dso_local double @rows(ptr noundef readonly captures(none) %x) #0 {
entry:
  %h = alloca [64 x double], align 16
  call void @llvm.lifetime.start.p0(ptr nonnull %h)
  br label %for.cond1.preheader

for.cond1.preheader:                              ; preds = %entry, %for.cond.cleanup3
  %indvars.iv48 = phi i64 [ 0, %entry ], [ %indvars.iv.next49, %for.cond.cleanup3 ]
  %arrayidx = getelementptr inbounds nuw [64 x double], ptr @W, i64 %indvars.iv48
  br label %for.body4

for.cond.cleanup3:                                ; preds = %for.body4
  %arrayidx10 = getelementptr inbounds nuw double, ptr %h, i64 %indvars.iv48
  store double %2, ptr %arrayidx10, align 8
  %indvars.iv.next49 = add nuw nsw i64 %indvars.iv48, 1
  %exitcond51.not = icmp eq i64 %indvars.iv.next49, 64
  br i1 %exitcond51.not, label %for.body18, label %for.cond1.preheader

for.body4:                                        ; preds = %for.cond1.preheader, %for.body4
  %indvars.iv = phi i64 [ 0, %for.cond1.preheader ], [ %indvars.iv.next, %for.body4 ]
  %s.041 = phi double [ 0.000000e+00, %for.cond1.preheader ], [ %2, %for.body4 ]
  %arrayidx6 = getelementptr inbounds nuw double, ptr %arrayidx, i64 %indvars.iv
  %0 = load double, ptr %arrayidx6, align 8
  %arrayidx8 = getelementptr inbounds nuw double, ptr %x, i64 %indvars.iv
  %1 = load double, ptr %arrayidx8, align 8
  %2 = tail call double @llvm.fmuladd.f64(double %0, double %1, double %s.041)
  %indvars.iv.next = add nuw nsw i64 %indvars.iv, 1
  %exitcond.not = icmp eq i64 %indvars.iv.next, 64
  br i1 %exitcond.not, label %for.cond.cleanup3, label %for.body4

for.cond.cleanup17:                               ; preds = %for.body18
  call void @llvm.lifetime.end.p0(ptr nonnull %h)
  ret double %5

for.body18:                                       ; preds = %for.cond.cleanup3, %for.body18
  %indvars.iv52 = phi i64 [ %indvars.iv.next53, %for.body18 ], [ 0, %for.cond.cleanup3 ]
  %y.044 = phi double [ %5, %for.body18 ], [ 0.000000e+00, %for.cond.cleanup3 ]
  %arrayidx20 = getelementptr inbounds nuw double, ptr @V, i64 %indvars.iv52
  %3 = load double, ptr %arrayidx20, align 8
  %arrayidx22 = getelementptr inbounds nuw double, ptr %h, i64 %indvars.iv52
  %4 = load double, ptr %arrayidx22, align 8
  %mul = fmul double %3, %4
  %5 = tail call double @llvm.fmuladd.f64(double %mul, double %4, double %y.044)
  %indvars.iv.next53 = add nuw nsw i64 %indvars.iv52, 1
  %exitcond55.not = icmp eq i64 %indvars.iv.next53, 64
  br i1 %exitcond55.not, label %for.cond.cleanup17, label %for.body18
}

define dso_local double @rows_sse2(ptr noundef readonly captures(none) %x) #3 {
entry:
  %h = alloca [64 x double], align 16
  call void @llvm.lifetime.start.p0(ptr nonnull %h)
  br label %for.cond1.preheader

for.cond1.preheader:                              ; preds = %entry, %for.cond.cleanup3
  %indvars.iv48 = phi i64 [ 0, %entry ], [ %indvars.iv.next49, %for.cond.cleanup3 ]
  %arrayidx = getelementptr inbounds nuw [64 x double], ptr @W, i64 %indvars.iv48
  br label %for.body4

for.cond.cleanup3:                                ; preds = %for.body4
  %arrayidx10 = getelementptr inbounds nuw double, ptr %h, i64 %indvars.iv48
  store double %2, ptr %arrayidx10, align 8
  %indvars.iv.next49 = add nuw nsw i64 %indvars.iv48, 1
  %exitcond51.not = icmp eq i64 %indvars.iv.next49, 64
  br i1 %exitcond51.not, label %for.body18, label %for.cond1.preheader

for.body4:                                        ; preds = %for.cond1.preheader, %for.body4
  %indvars.iv = phi i64 [ 0, %for.cond1.preheader ], [ %indvars.iv.next, %for.body4 ]
  %s.041 = phi double [ 0.000000e+00, %for.cond1.preheader ], [ %2, %for.body4 ]
  %arrayidx6 = getelementptr inbounds nuw double, ptr %arrayidx, i64 %indvars.iv
  %0 = load double, ptr %arrayidx6, align 8
  %arrayidx8 = getelementptr inbounds nuw double, ptr %x, i64 %indvars.iv
  %1 = load double, ptr %arrayidx8, align 8
  %2 = tail call double @llvm.fmuladd.f64(double %0, double %1, double %s.041)
  %indvars.iv.next = add nuw nsw i64 %indvars.iv, 1
  %exitcond.not = icmp eq i64 %indvars.iv.next, 64
  br i1 %exitcond.not, label %for.cond.cleanup3, label %for.body4

for.cond.cleanup17:                               ; preds = %for.body18
  call void @llvm.lifetime.end.p0(ptr nonnull %h)
  ret double %5

for.body18:                                       ; preds = %for.cond.cleanup3, %for.body18
  %indvars.iv52 = phi i64 [ %indvars.iv.next53, %for.body18 ], [ 0, %for.cond.cleanup3 ]
  %y.044 = phi double [ %5, %for.body18 ], [ 0.000000e+00, %for.cond.cleanup3 ]
  %arrayidx20 = getelementptr inbounds nuw double, ptr @V, i64 %indvars.iv52
  %3 = load double, ptr %arrayidx20, align 8
  %arrayidx22 = getelementptr inbounds nuw double, ptr %h, i64 %indvars.iv52
  %4 = load double, ptr %arrayidx22, align 8
  %mul = fmul double %3, %4
  %5 = tail call double @llvm.fmuladd.f64(double %mul, double %4, double %y.044)
  %indvars.iv.next53 = add nuw nsw i64 %indvars.iv52, 1
  %exitcond55.not = icmp eq i64 %indvars.iv.next53, 64
  br i1 %exitcond55.not, label %for.cond.cleanup17, label %for.body18
}

define dso_local double @rows_user(ptr noundef readonly captures(none) %x) #1 {
entry:
  %h = alloca [64 x double], align 16
  call void @llvm.lifetime.start.p0(ptr nonnull %h)
  br label %for.cond1.preheader

for.cond1.preheader:                              ; preds = %entry, %for.cond.cleanup3
  %indvars.iv48 = phi i64 [ 0, %entry ], [ %indvars.iv.next49, %for.cond.cleanup3 ]
  %arrayidx = getelementptr inbounds nuw [64 x double], ptr @W, i64 %indvars.iv48
  br label %for.body4

for.cond.cleanup3:                                ; preds = %for.body4
  %arrayidx10 = getelementptr inbounds nuw double, ptr %h, i64 %indvars.iv48
  store double %2, ptr %arrayidx10, align 8
  %indvars.iv.next49 = add nuw nsw i64 %indvars.iv48, 1
  %exitcond51.not = icmp eq i64 %indvars.iv.next49, 64
  br i1 %exitcond51.not, label %for.body18, label %for.cond1.preheader

for.body4:                                        ; preds = %for.cond1.preheader, %for.body4
  %indvars.iv = phi i64 [ 0, %for.cond1.preheader ], [ %indvars.iv.next, %for.body4 ]
  %s.041 = phi double [ 0.000000e+00, %for.cond1.preheader ], [ %2, %for.body4 ]
  %arrayidx6 = getelementptr inbounds nuw double, ptr %arrayidx, i64 %indvars.iv
  %0 = load double, ptr %arrayidx6, align 8
  %arrayidx8 = getelementptr inbounds nuw double, ptr %x, i64 %indvars.iv
  %1 = load double, ptr %arrayidx8, align 8
  %2 = tail call double @llvm.fmuladd.f64(double %0, double %1, double %s.041)
  %indvars.iv.next = add nuw nsw i64 %indvars.iv, 1
  %exitcond.not = icmp eq i64 %indvars.iv.next, 64
  br i1 %exitcond.not, label %for.cond.cleanup3, label %for.body4

for.cond.cleanup17:                               ; preds = %for.body18
  call void @llvm.lifetime.end.p0(ptr nonnull %h)
  ret double %5

for.body18:                                       ; preds = %for.cond.cleanup3, %for.body18
  %indvars.iv52 = phi i64 [ %indvars.iv.next53, %for.body18 ], [ 0, %for.cond.cleanup3 ]
  %y.044 = phi double [ %5, %for.body18 ], [ 0.000000e+00, %for.cond.cleanup3 ]
  %arrayidx20 = getelementptr inbounds nuw double, ptr @V, i64 %indvars.iv52
  %3 = load double, ptr %arrayidx20, align 8
  %arrayidx22 = getelementptr inbounds nuw double, ptr %h, i64 %indvars.iv52
  %4 = load double, ptr %arrayidx22, align 8
  %mul = fmul double %3, %4
  %5 = tail call double @llvm.fmuladd.f64(double %mul, double %4, double %y.044)
  %indvars.iv.next53 = add nuw nsw i64 %indvars.iv52, 1
  %exitcond55.not = icmp eq i64 %indvars.iv.next53, 64
  br i1 %exitcond55.not, label %for.cond.cleanup17, label %for.body18
}

define dso_local double @rows_bare(ptr noundef readonly captures(none) %x) #2 {
entry:
  %h = alloca [64 x double], align 16
  call void @llvm.lifetime.start.p0(ptr nonnull %h)
  br label %for.cond1.preheader

for.cond1.preheader:                              ; preds = %entry, %for.cond.cleanup3
  %indvars.iv48 = phi i64 [ 0, %entry ], [ %indvars.iv.next49, %for.cond.cleanup3 ]
  %arrayidx = getelementptr inbounds nuw [64 x double], ptr @W, i64 %indvars.iv48
  br label %for.body4

for.cond.cleanup3:                                ; preds = %for.body4
  %arrayidx10 = getelementptr inbounds nuw double, ptr %h, i64 %indvars.iv48
  store double %2, ptr %arrayidx10, align 8
  %indvars.iv.next49 = add nuw nsw i64 %indvars.iv48, 1
  %exitcond51.not = icmp eq i64 %indvars.iv.next49, 64
  br i1 %exitcond51.not, label %for.body18, label %for.cond1.preheader

for.body4:                                        ; preds = %for.cond1.preheader, %for.body4
  %indvars.iv = phi i64 [ 0, %for.cond1.preheader ], [ %indvars.iv.next, %for.body4 ]
  %s.041 = phi double [ 0.000000e+00, %for.cond1.preheader ], [ %2, %for.body4 ]
  %arrayidx6 = getelementptr inbounds nuw double, ptr %arrayidx, i64 %indvars.iv
  %0 = load double, ptr %arrayidx6, align 8
  %arrayidx8 = getelementptr inbounds nuw double, ptr %x, i64 %indvars.iv
  %1 = load double, ptr %arrayidx8, align 8
  %2 = tail call double @llvm.fmuladd.f64(double %0, double %1, double %s.041)
  %indvars.iv.next = add nuw nsw i64 %indvars.iv, 1
  %exitcond.not = icmp eq i64 %indvars.iv.next, 64
  br i1 %exitcond.not, label %for.cond.cleanup3, label %for.body4

for.cond.cleanup17:                               ; preds = %for.body18
  call void @llvm.lifetime.end.p0(ptr nonnull %h)
  ret double %5

for.body18:                                       ; preds = %for.cond.cleanup3, %for.body18
  %indvars.iv52 = phi i64 [ %indvars.iv.next53, %for.body18 ], [ 0, %for.cond.cleanup3 ]
  %y.044 = phi double [ %5, %for.body18 ], [ 0.000000e+00, %for.cond.cleanup3 ]
  %arrayidx20 = getelementptr inbounds nuw double, ptr @V, i64 %indvars.iv52
  %3 = load double, ptr %arrayidx20, align 8
  %arrayidx22 = getelementptr inbounds nuw double, ptr %h, i64 %indvars.iv52
  %4 = load double, ptr %arrayidx22, align 8
  %mul = fmul double %3, %4
  %5 = tail call double @llvm.fmuladd.f64(double %mul, double %4, double %y.044)
  %indvars.iv.next53 = add nuw nsw i64 %indvars.iv52, 1
  %exitcond55.not = icmp eq i64 %indvars.iv.next53, 64
  br i1 %exitcond55.not, label %for.cond.cleanup17, label %for.body18
}

define void @gradient_rows(ptr %x, ptr %dx) #0 {
  %dup = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @rows, i32 %dup, ptr %x, ptr %dx)
  ret void
}

define void @gradient_rows_user(ptr %x, ptr %dx) #1 {
  %dup = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @rows_user, i32 %dup, ptr %x, ptr %dx)
  ret void
}

define void @gradient_rows_sse2(ptr %x, ptr %dx) #3 {
  %dup = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @rows_sse2, i32 %dup, ptr %x, ptr %dx)
  ret void
}

define void @gradient_rows_bare(ptr %x, ptr %dx) #2 {
  %dup = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @rows_bare, i32 %dup, ptr %x, ptr %dx)
  ret void
}

declare void @llvm.lifetime.start.p0(ptr captures(none))
declare void @llvm.lifetime.end.p0(ptr captures(none))
declare double @llvm.fmuladd.f64(double, double, double)
declare void @__enzyme_autodiff(ptr, ...)

attributes #0 = { nounwind "target-cpu"="znver4" "target-features"="+avx,+avx2,+avx512dq,+avx512f,+avx512vl,+fma,+sse4.2" }
attributes #1 = { nounwind "target-cpu"="znver4" "target-features"="+avx,+avx2,+avx512dq,+avx512f,+avx512vl,+fma,+sse4.2,-prefer-no-gather" }
attributes #2 = { nounwind }
attributes #3 = { nounwind "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" }
