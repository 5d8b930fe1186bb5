; Before AD, a load from a scratch array that an earlier loop filled element by element computes
; the stored value again from its inputs (ScratchArrayForwarding): t[i] = x[i] - mu[i], read as
; x[i] - mu[i], so the reverse sweep redoes the subtraction instead of keeping what it read. When no
; load of the array is left, its store goes too. default<O0> shows the stage's output.
; RUN: %swad-opt %s --passes='default<O0>' -S | FileCheck %s
; Only after the pre-AD simplification.
; RUN: %swad-opt %s --pre-passes '' --passes='default<O0>' -S | FileCheck %s --check-prefix=NOPRE
; RUN: %swad-opt --print-pipeline | FileCheck %s --check-prefix=STAGES

; CHECK-LABEL: define double @centered(
; CHECK:       for.body:
; CHECK:         %sub = fsub double
; CHECK-NOT:     store
; CHECK:       for.body7:
; CHECK:         %arrayidx.again = getelementptr inbounds nuw double, ptr %x, i64 %i3.046
; CHECK-NEXT:    [[X:%[0-9]+]] = load double, ptr %arrayidx.again
; CHECK-NEXT:    %arrayidx1.again = getelementptr inbounds nuw double, ptr %mu, i64 %i3.046
; CHECK-NEXT:    [[MU:%[0-9]+]] = load double, ptr %arrayidx1.again
; CHECK-NEXT:    %sub.again = fsub double [[X]], [[MU]]
; CHECK-NEXT:    call double @llvm.fmuladd.f64(double %sub.again, double %sub.again,
; CHECK:       for.body18:
; CHECK:         %sub.again{{[0-9]+}} = fsub double
; CHECK-NOT:     load double, ptr %arrayidx19

; The array is handed to a function, which may change it.
; CHECK-LABEL: define double @escapes(
; CHECK-NOT:     .again
; x is written between the fill and the read (and mu may be x).
; CHECK-LABEL: define double @input_written(
; CHECK-NOT:     .again
; The read runs to m, past what the fill wrote.
; CHECK-LABEL: define double @other_bound(
; CHECK-NOT:     .again
; Two stores write the array.
; CHECK-LABEL: define double @two_fills(
; CHECK-NOT:     .again
; CHECK-LABEL: define void @g(
; The derivative is taken of the code that reads x and mu again.
; CHECK-LABEL: define internal {{.*}}@diffecentered(
; CHECK:         fsub double

; NOPRE-LABEL: define double @centered(
; NOPRE-NOT:     .again
; NOPRE-LABEL: define double @escapes(

; STAGES:      passes(thinlto-pre-link<O2>)
; STAGES-NEXT: forward-scratch-arrays
; STAGES-NEXT: reverse-shifted-loops
; STAGES-NEXT: differentiate

@enzyme_dup = external global i32, align 4
@enzyme_const = external global i32, align 4

define void @keep(ptr noundef captures(none) %t) {
entry:
  %0 = load double, ptr %t, align 8
  %mul = fmul double %0, 1.000100e+00
  store double %mul, ptr %t, align 8
  ret void
}

define double @centered(ptr noundef readonly captures(none) %x, ptr noundef readonly captures(none) %mu, i64 noundef %n) {
entry:
  %mul = shl i64 %n, 3
  %call = tail call ptr @malloc(i64 noundef %mul)
  %cmp42 = icmp sgt i64 %n, 0
  br i1 %cmp42, label %for.body, label %for.cond.cleanup17

for.body:                                         ; preds = %entry, %for.body
  %i.043 = phi i64 [ %inc, %for.body ], [ 0, %entry ]
  %arrayidx = getelementptr inbounds nuw double, ptr %x, i64 %i.043
  %0 = load double, ptr %arrayidx, align 8
  %arrayidx1 = getelementptr inbounds nuw double, ptr %mu, i64 %i.043
  %1 = load double, ptr %arrayidx1, align 8
  %sub = fsub double %0, %1
  %arrayidx2 = getelementptr inbounds nuw double, ptr %call, i64 %i.043
  store double %sub, ptr %arrayidx2, align 8
  %inc = add nuw nsw i64 %i.043, 1
  %exitcond.not = icmp eq i64 %inc, %n
  br i1 %exitcond.not, label %for.body7, label %for.body

for.body7:                                        ; preds = %for.body, %for.body7
  %i3.046 = phi i64 [ %inc12, %for.body7 ], [ 0, %for.body ]
  %s.045 = phi double [ %3, %for.body7 ], [ 0.000000e+00, %for.body ]
  %arrayidx8 = getelementptr inbounds nuw double, ptr %call, i64 %i3.046
  %2 = load double, ptr %arrayidx8, align 8
  %3 = tail call double @llvm.fmuladd.f64(double %2, double %2, double %s.045)
  %inc12 = add nuw nsw i64 %i3.046, 1
  %exitcond52.not = icmp eq i64 %inc12, %n
  br i1 %exitcond52.not, label %for.body18, label %for.body7

for.cond.cleanup17:                               ; preds = %for.body18, %entry
  %q.0.lcssa = phi double [ 0.000000e+00, %entry ], [ %5, %for.body18 ]
  tail call void @free(ptr noundef %call)
  ret double %q.0.lcssa

for.body18:                                       ; preds = %for.body7, %for.body18
  %i14.049 = phi i64 [ %inc22, %for.body18 ], [ 0, %for.body7 ]
  %q.048 = phi double [ %5, %for.body18 ], [ 0.000000e+00, %for.body7 ]
  %arrayidx19 = getelementptr inbounds nuw double, ptr %call, i64 %i14.049
  %4 = load double, ptr %arrayidx19, align 8
  %5 = tail call double @llvm.fmuladd.f64(double %3, double %4, double %q.048)
  %inc22 = add nuw nsw i64 %i14.049, 1
  %exitcond53.not = icmp eq i64 %inc22, %n
  br i1 %exitcond53.not, label %for.cond.cleanup17, label %for.body18
}

declare noalias noundef ptr @malloc(i64 noundef)

declare double @llvm.fmuladd.f64(double, double, double)

declare void @free(ptr allocptr noundef captures(none))

define double @escapes(ptr noundef readonly captures(none) %x, ptr noundef readonly captures(none) %mu, i64 noundef %n) {
entry:
  %mul = shl i64 %n, 3
  %call = tail call ptr @malloc(i64 noundef %mul)
  %cmp28 = icmp sgt i64 %n, 0
  br i1 %cmp28, label %for.body, label %for.cond.cleanup

for.cond.cleanup:                                 ; preds = %entry
  tail call void @keep(ptr noundef %call)
  br label %for.cond.cleanup6

for.body7.preheader:                              ; preds = %for.body
  tail call void @keep(ptr noundef nonnull %call)
  br label %for.body7

for.body:                                         ; preds = %entry, %for.body
  %i.029 = phi i64 [ %inc, %for.body ], [ 0, %entry ]
  %arrayidx = getelementptr inbounds nuw double, ptr %x, i64 %i.029
  %0 = load double, ptr %arrayidx, align 8
  %arrayidx1 = getelementptr inbounds nuw double, ptr %mu, i64 %i.029
  %1 = load double, ptr %arrayidx1, align 8
  %sub = fsub double %0, %1
  %arrayidx2 = getelementptr inbounds nuw double, ptr %call, i64 %i.029
  store double %sub, ptr %arrayidx2, align 8
  %inc = add nuw nsw i64 %i.029, 1
  %exitcond.not = icmp eq i64 %inc, %n
  br i1 %exitcond.not, label %for.body7.preheader, label %for.body

for.cond.cleanup6:                                ; preds = %for.body7, %for.cond.cleanup
  %s.0.lcssa = phi double [ 0.000000e+00, %for.cond.cleanup ], [ %3, %for.body7 ]
  tail call void @free(ptr noundef %call)
  ret double %s.0.lcssa

for.body7:                                        ; preds = %for.body7.preheader, %for.body7
  %i3.032 = phi i64 [ %inc12, %for.body7 ], [ 0, %for.body7.preheader ]
  %s.031 = phi double [ %3, %for.body7 ], [ 0.000000e+00, %for.body7.preheader ]
  %arrayidx8 = getelementptr inbounds nuw double, ptr %call, i64 %i3.032
  %2 = load double, ptr %arrayidx8, align 8
  %3 = tail call double @llvm.fmuladd.f64(double %2, double %2, double %s.031)
  %inc12 = add nuw nsw i64 %i3.032, 1
  %exitcond33.not = icmp eq i64 %inc12, %n
  br i1 %exitcond33.not, label %for.cond.cleanup6, label %for.body7
}

define double @input_written(ptr noundef captures(none) %x, ptr noundef readonly captures(none) %mu, i64 noundef %n) {
entry:
  %mul = shl i64 %n, 3
  %call = tail call ptr @malloc(i64 noundef %mul)
  %cmp29 = icmp sgt i64 %n, 0
  br i1 %cmp29, label %for.body, label %for.cond.cleanup

for.cond.cleanup:                                 ; preds = %entry
  store double 5.000000e-01, ptr %x, align 8
  br label %for.cond.cleanup7

for.body8.preheader:                              ; preds = %for.body
  store double 5.000000e-01, ptr %x, align 8
  br label %for.body8

for.body:                                         ; preds = %entry, %for.body
  %i.030 = phi i64 [ %inc, %for.body ], [ 0, %entry ]
  %arrayidx = getelementptr inbounds nuw double, ptr %x, i64 %i.030
  %0 = load double, ptr %arrayidx, align 8
  %arrayidx1 = getelementptr inbounds nuw double, ptr %mu, i64 %i.030
  %1 = load double, ptr %arrayidx1, align 8
  %sub = fsub double %0, %1
  %arrayidx2 = getelementptr inbounds nuw double, ptr %call, i64 %i.030
  store double %sub, ptr %arrayidx2, align 8
  %inc = add nuw nsw i64 %i.030, 1
  %exitcond.not = icmp eq i64 %inc, %n
  br i1 %exitcond.not, label %for.body8.preheader, label %for.body

for.cond.cleanup7:                                ; preds = %for.body8, %for.cond.cleanup
  %s.0.lcssa = phi double [ 0.000000e+00, %for.cond.cleanup ], [ %3, %for.body8 ]
  tail call void @free(ptr noundef %call)
  ret double %s.0.lcssa

for.body8:                                        ; preds = %for.body8.preheader, %for.body8
  %i4.033 = phi i64 [ %inc13, %for.body8 ], [ 0, %for.body8.preheader ]
  %s.032 = phi double [ %3, %for.body8 ], [ 0.000000e+00, %for.body8.preheader ]
  %arrayidx9 = getelementptr inbounds nuw double, ptr %call, i64 %i4.033
  %2 = load double, ptr %arrayidx9, align 8
  %3 = tail call double @llvm.fmuladd.f64(double %2, double %2, double %s.032)
  %inc13 = add nuw nsw i64 %i4.033, 1
  %exitcond34.not = icmp eq i64 %inc13, %n
  br i1 %exitcond34.not, label %for.cond.cleanup7, label %for.body8
}

define double @other_bound(ptr noundef readonly captures(none) %x, ptr noundef readonly captures(none) %mu, i64 noundef %n, i64 noundef %m) {
entry:
  %cond = tail call i64 @llvm.smax.i64(i64 %n, i64 %m)
  %mul = shl i64 %cond, 3
  %call = tail call ptr @malloc(i64 noundef %mul)
  %cmp130 = icmp sgt i64 %n, 0
  br i1 %cmp130, label %for.body, label %for.cond5.preheader

for.cond5.preheader:                              ; preds = %for.body, %entry
  %cmp632 = icmp sgt i64 %m, 0
  br i1 %cmp632, label %for.body8, label %for.cond.cleanup7

for.body:                                         ; preds = %entry, %for.body
  %i.031 = phi i64 [ %inc, %for.body ], [ 0, %entry ]
  %arrayidx = getelementptr inbounds nuw double, ptr %x, i64 %i.031
  %0 = load double, ptr %arrayidx, align 8
  %arrayidx2 = getelementptr inbounds nuw double, ptr %mu, i64 %i.031
  %1 = load double, ptr %arrayidx2, align 8
  %sub = fsub double %0, %1
  %arrayidx3 = getelementptr inbounds nuw double, ptr %call, i64 %i.031
  store double %sub, ptr %arrayidx3, align 8
  %inc = add nuw nsw i64 %i.031, 1
  %exitcond.not = icmp eq i64 %inc, %n
  br i1 %exitcond.not, label %for.cond5.preheader, label %for.body

for.cond.cleanup7:                                ; preds = %for.body8, %for.cond5.preheader
  %s.0.lcssa = phi double [ 0.000000e+00, %for.cond5.preheader ], [ %3, %for.body8 ]
  tail call void @free(ptr noundef %call)
  ret double %s.0.lcssa

for.body8:                                        ; preds = %for.cond5.preheader, %for.body8
  %i4.034 = phi i64 [ %inc13, %for.body8 ], [ 0, %for.cond5.preheader ]
  %s.033 = phi double [ %3, %for.body8 ], [ 0.000000e+00, %for.cond5.preheader ]
  %arrayidx9 = getelementptr inbounds nuw double, ptr %call, i64 %i4.034
  %2 = load double, ptr %arrayidx9, align 8
  %3 = tail call double @llvm.fmuladd.f64(double %2, double %2, double %s.033)
  %inc13 = add nuw nsw i64 %i4.034, 1
  %exitcond35.not = icmp eq i64 %inc13, %m
  br i1 %exitcond35.not, label %for.cond.cleanup7, label %for.body8
}

define double @two_fills(ptr noundef readonly captures(none) %x, ptr noundef readonly captures(none) %mu, i64 noundef %n) {
entry:
  %mul = shl i64 %n, 3
  %call = tail call ptr @malloc(i64 noundef %mul)
  %cmp31 = icmp sgt i64 %n, 0
  br i1 %cmp31, label %for.body, label %for.cond.cleanup8

for.body9.preheader:                              ; preds = %for.body
  %0 = load double, ptr %x, align 8
  store double %0, ptr %call, align 8
  br label %for.body9

for.body:                                         ; preds = %entry, %for.body
  %i.032 = phi i64 [ %inc, %for.body ], [ 0, %entry ]
  %arrayidx = getelementptr inbounds nuw double, ptr %x, i64 %i.032
  %1 = load double, ptr %arrayidx, align 8
  %arrayidx1 = getelementptr inbounds nuw double, ptr %mu, i64 %i.032
  %2 = load double, ptr %arrayidx1, align 8
  %sub = fsub double %1, %2
  %arrayidx2 = getelementptr inbounds nuw double, ptr %call, i64 %i.032
  store double %sub, ptr %arrayidx2, align 8
  %inc = add nuw nsw i64 %i.032, 1
  %exitcond.not = icmp eq i64 %inc, %n
  br i1 %exitcond.not, label %for.body9.preheader, label %for.body

for.cond.cleanup8:                                ; preds = %for.body9, %entry
  %s.0.lcssa = phi double [ 0.000000e+00, %entry ], [ %4, %for.body9 ]
  tail call void @free(ptr noundef nonnull %call)
  ret double %s.0.lcssa

for.body9:                                        ; preds = %for.body9.preheader, %for.body9
  %i5.035 = phi i64 [ %inc14, %for.body9 ], [ 0, %for.body9.preheader ]
  %s.034 = phi double [ %4, %for.body9 ], [ 0.000000e+00, %for.body9.preheader ]
  %arrayidx10 = getelementptr inbounds nuw double, ptr %call, i64 %i5.035
  %3 = load double, ptr %arrayidx10, align 8
  %4 = tail call double @llvm.fmuladd.f64(double %3, double %3, double %s.034)
  %inc14 = add nuw nsw i64 %i5.035, 1
  %exitcond36.not = icmp eq i64 %inc14, %n
  br i1 %exitcond36.not, label %for.cond.cleanup8, label %for.body9
}

define void @g(ptr noundef %x, ptr noundef %dx, ptr noundef %mu, ptr noundef %dmu, i64 noundef %n) {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  %1 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @centered, i32 noundef %0, ptr noundef %x, ptr noundef %dx, i32 noundef %0, ptr noundef %mu, ptr noundef %dmu, i32 noundef %1, i64 noundef %n)
  %2 = load i32, ptr @enzyme_dup, align 4
  %3 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @escapes, i32 noundef %2, ptr noundef %x, ptr noundef %dx, i32 noundef %2, ptr noundef %mu, ptr noundef %dmu, i32 noundef %3, i64 noundef %n)
  %4 = load i32, ptr @enzyme_dup, align 4
  %5 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @input_written, i32 noundef %4, ptr noundef %x, ptr noundef %dx, i32 noundef %4, ptr noundef %mu, ptr noundef %dmu, i32 noundef %5, i64 noundef %n)
  %6 = load i32, ptr @enzyme_dup, align 4
  %7 = load i32, ptr @enzyme_const, align 4
  %add = add nsw i64 %n, 1
  tail call void (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @other_bound, i32 noundef %6, ptr noundef %x, ptr noundef %dx, i32 noundef %6, ptr noundef %mu, ptr noundef %dmu, i32 noundef %7, i64 noundef %n, i32 noundef %7, i64 noundef %add)
  %8 = load i32, ptr @enzyme_dup, align 4
  %9 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @two_fills, i32 noundef %8, ptr noundef %x, ptr noundef %dx, i32 noundef %8, ptr noundef %mu, ptr noundef %dmu, i32 noundef %9, i64 noundef %n)
  ret void
}

declare void @__enzyme_autodiff(ptr noundef, ...)

declare i64 @llvm.smax.i64(i64, i64)
