; Before AD, an inner loop that updates an array in place, starting one element further each time
; the enclosing loop goes round (a column-oriented triangular product or solve), runs backwards:
; its vector chunks then line up with the stores of its previous run (ShiftedLoopReversal). Each
; induction starts at its last value and steps back, values used after the loop keep their final
; values, and the loop leaves after what was its first iteration. The derivative is taken of the
; reversed loop. default<O0> (no vectorizer) shows the stage's output.
; RUN: %swad-opt %s --pre-passes '' --passes='default<O0>' -S | FileCheck %s
; Only before the standard pipelines, which vectorize.
; RUN: %swad-opt %s --pre-passes '' --passes=verify -S | FileCheck %s --check-prefix=BYHAND
; RUN: %swad-opt --print-pipeline | FileCheck %s --check-prefix=STAGES

; The exit tests idx; the element updated is t[j]. Both step back from their last values.
; CHECK-LABEL: define double @shifted(
; CHECK:       for.body4.lr.ph:
; CHECK:         %[[END:[0-9]+]] = add i64 %idx.027, %indvars.iv
; CHECK-NEXT:    %trips = sub i64 %[[END]], %idx.027
; CHECK-NEXT:    %last.iteration = sub i64 %trips, 1
; CHECK-NEXT:    %reversed.start = add i64 %idx.027, %last.iteration
; CHECK-NEXT:    %reversed.end = add i64 %idx.027, %trips
; CHECK-NEXT:    %[[JSTART:reversed.start[0-9]+]] = add i64 %add, %last.iteration
; CHECK:       for.body4:
; CHECK-NEXT:    %idx.124 = phi i64 [ %reversed.start, %for.body4.lr.ph ], [ %reversed.back, %for.body4 ]
; CHECK-NEXT:    %j.023 = phi i64 [ %[[JSTART]], %for.body4.lr.ph ], [ %[[JBACK:reversed.back[0-9]+]], %for.body4 ]
; CHECK:         store double %{{[0-9]+}}, ptr %arrayidx6
; CHECK:         %reversed.back = add i64 %idx.124, -1
; CHECK-NEXT:    %[[JBACK]] = add i64 %j.023, -1
; CHECK-NEXT:    %reversed.done = icmp eq i64 %idx.124, %idx.027
; CHECK-NEXT:    br i1 %reversed.done, label %{{.*}}, label %for.body4

; CHECK-LABEL: define double @shifted_ne(
; CHECK:       outer:
; CHECK:         %trips = sub i64 %n, %i.next
; CHECK-NEXT:    %last.iteration = sub i64 %trips, 1
; CHECK-NEXT:    %reversed.start = add i64 %i.next, %last.iteration
; CHECK-NEXT:    %reversed.end = add i64 %i.next, %trips
; CHECK-NEXT:    %[[COUNT:[0-9]+]] = trunc i64 %last.iteration to i32
; CHECK-NEXT:    %[[STEPS:[0-9]+]] = mul i32 %[[COUNT]], -2
; CHECK-NEXT:    %[[KSTART:reversed.start[0-9]+]] = add i32 %k0, %[[STEPS]]
; CHECK-NEXT:    %[[TRIPS:[0-9]+]] = trunc i64 %trips to i32
; CHECK-NEXT:    %[[ALLSTEPS:[0-9]+]] = mul i32 %[[TRIPS]], -2
; CHECK-NEXT:    %[[KEND:reversed.end[0-9]+]] = add i32 %k0, %[[ALLSTEPS]]
; CHECK:       inner:
; CHECK-NEXT:    %j = phi i64 [ %reversed.start, %outer ], [ %reversed.back, %inner ]
; CHECK-NEXT:    %k = phi i32 [ %[[KSTART]], %outer ], [ %[[KBACK:reversed.back[0-9]+]], %inner ]
; CHECK:         %reversed.back = add i64 %j, -1
; CHECK-NEXT:    %[[KBACK]] = add i32 %k, 2
; CHECK-NEXT:    %reversed.done = icmp ne i64 %j, %i.next
; CHECK-NEXT:    br i1 %reversed.done, label %inner, label %outer.latch
; CHECK:       outer.latch:
; CHECK-NEXT:    %k.after = phi i32 [ %[[KEND]], %inner ]

; A sum over the iterations would round differently backwards.
; CHECK-LABEL: define double @reduction(
; CHECK-NOT:     reversed
; Each iteration reads the element the previous one wrote.
; CHECK-LABEL: define double @neighbour(
; CHECK-NOT:     reversed
; The start is fixed (the end moves): forwards, the chunks already line up.
; CHECK-LABEL: define double @fixed_start(
; CHECK-NOT:     reversed
; t may be x or l: an iteration's store may change what another reads.
; CHECK-LABEL: define void @may_alias(
; CHECK-NOT:     reversed
; CHECK-LABEL: define void @g(
; CHECK-LABEL: define internal {{.*}} @diffeshifted(
; CHECK:         %reversed.done{{[.a-z0-9]*}} = icmp eq i64

; BYHAND-LABEL: define double @shifted(
; BYHAND-NOT:     reversed

; STAGES:      passes(thinlto-pre-link<O2>)
; STAGES-NEXT: forward-scratch-arrays
; STAGES-NEXT: reverse-shifted-loops
; STAGES-NEXT: differentiate

@enzyme_dup = external global i32, align 4
@enzyme_const = external global i32, align 4

define double @shifted(ptr noundef readonly captures(none) %l, ptr noundef readonly captures(none) %x, i64 noundef %n) {
entry:
  %call = tail call ptr @calloc(i64 noundef %n, i64 noundef 8)
  %cmp25 = icmp sgt i64 %n, 0
  br i1 %cmp25, label %for.body, label %for.cond.cleanup

for.cond.loopexit:                                ; preds = %for.body4, %for.body
  %idx.1.lcssa = phi i64 [ %idx.027, %for.body ], [ %2, %for.body4 ]
  %exitcond28.not = icmp eq i64 %add, %n
  br i1 %exitcond28.not, label %for.cond.cleanup.loopexit, label %for.body

for.cond.cleanup.loopexit:                        ; preds = %for.cond.loopexit
  %.phi.trans.insert = getelementptr double, ptr %call, i64 %n
  %arrayidx11.phi.trans.insert = getelementptr i8, ptr %.phi.trans.insert, i64 -8
  %.pre = load double, ptr %arrayidx11.phi.trans.insert, align 8
  br label %for.cond.cleanup

for.cond.cleanup:                                 ; preds = %for.cond.cleanup.loopexit, %entry
  %0 = phi double [ %.pre, %for.cond.cleanup.loopexit ], [ 0.000000e+00, %entry ]
  tail call void @free(ptr noundef %call)
  ret double %0

for.body:                                         ; preds = %entry, %for.cond.loopexit
  %indvars.iv.in = phi i64 [ %indvars.iv, %for.cond.loopexit ], [ %n, %entry ]
  %idx.027 = phi i64 [ %idx.1.lcssa, %for.cond.loopexit ], [ 0, %entry ]
  %i.026 = phi i64 [ %add, %for.cond.loopexit ], [ 0, %entry ]
  %indvars.iv = add i64 %indvars.iv.in, -1
  %add = add nuw nsw i64 %i.026, 1
  %cmp222 = icmp slt i64 %add, %n
  br i1 %cmp222, label %for.body4.lr.ph, label %for.cond.loopexit

for.body4.lr.ph:                                  ; preds = %for.body
  %arrayidx5 = getelementptr inbounds nuw double, ptr %x, i64 %i.026
  %1 = load double, ptr %arrayidx5, align 8
  %2 = add i64 %idx.027, %indvars.iv
  br label %for.body4

for.body4:                                        ; preds = %for.body4.lr.ph, %for.body4
  %idx.124 = phi i64 [ %idx.027, %for.body4.lr.ph ], [ %inc, %for.body4 ]
  %j.023 = phi i64 [ %add, %for.body4.lr.ph ], [ %inc7, %for.body4 ]
  %inc = add i64 %idx.124, 1
  %arrayidx = getelementptr inbounds double, ptr %l, i64 %idx.124
  %3 = load double, ptr %arrayidx, align 8
  %arrayidx6 = getelementptr inbounds nuw double, ptr %call, i64 %j.023
  %4 = load double, ptr %arrayidx6, align 8
  %5 = tail call double @llvm.fmuladd.f64(double %3, double %1, double %4)
  store double %5, ptr %arrayidx6, align 8
  %inc7 = add nuw nsw i64 %j.023, 1
  %exitcond.not = icmp eq i64 %inc, %2
  br i1 %exitcond.not, label %for.cond.loopexit, label %for.body4
}

declare noalias noundef ptr @calloc(i64 noundef, i64 noundef)

declare double @llvm.fmuladd.f64(double, double, double)

declare void @free(ptr allocptr noundef captures(none))

; The exit continues while `j + 1 != n`; a second induction, 32 bits wide and stepping by -2, is
; used after the loop: it gets its final value in closed form.
define double @shifted_ne(ptr %l, ptr %x, i64 %n) {
entry:
  %t = tail call ptr @calloc(i64 %n, i64 8)
  %last = add i64 %n, -1
  %some = icmp sgt i64 %n, 1
  br i1 %some, label %outer, label %done

outer:
  %i = phi i64 [ 0, %entry ], [ %i.next, %outer.latch ]
  %k0 = phi i32 [ 4096, %entry ], [ %k.after, %outer.latch ]
  %i.next = add nuw nsw i64 %i, 1
  %xi.address = getelementptr inbounds double, ptr %x, i64 %i
  %xi = load double, ptr %xi.address
  br label %inner

inner:
  %j = phi i64 [ %i.next, %outer ], [ %j.next, %inner ]
  %k = phi i32 [ %k0, %outer ], [ %k.next, %inner ]
  %k.wide = zext i32 %k to i64
  %l.address = getelementptr inbounds double, ptr %l, i64 %k.wide
  %lk = load double, ptr %l.address
  %t.address = getelementptr inbounds double, ptr %t, i64 %j
  %tj = load double, ptr %t.address
  %sum = call double @llvm.fmuladd.f64(double %lk, double %xi, double %tj)
  store double %sum, ptr %t.address
  %j.next = add nuw nsw i64 %j, 1
  %k.next = add nsw i32 %k, -2
  %more = icmp ne i64 %j.next, %n
  br i1 %more, label %inner, label %outer.latch

outer.latch:
  %k.after = phi i32 [ %k.next, %inner ]
  %stop = icmp eq i64 %i.next, %last
  br i1 %stop, label %done, label %outer

done:
  %first = load double, ptr %t
  tail call void @free(ptr %t)
  ret double %first
}

define double @reduction(ptr noundef readonly captures(none) %l, ptr noundef readonly captures(none) %x, i64 noundef %n) {
entry:
  %call = tail call ptr @calloc(i64 noundef %n, i64 noundef 8)
  %cmp27 = icmp sgt i64 %n, 0
  br i1 %cmp27, label %for.body, label %for.cond.cleanup

for.cond.loopexit:                                ; preds = %for.body4, %for.body
  %s.1.lcssa = phi double [ %s.028, %for.body ], [ %add8, %for.body4 ]
  %exitcond31.not = icmp eq i64 %add, %n
  br i1 %exitcond31.not, label %for.cond.cleanup, label %for.body

for.cond.cleanup:                                 ; preds = %for.cond.loopexit, %entry
  %s.0.lcssa = phi double [ 0.000000e+00, %entry ], [ %s.1.lcssa, %for.cond.loopexit ]
  tail call void @free(ptr noundef %call)
  ret double %s.0.lcssa

for.body:                                         ; preds = %entry, %for.cond.loopexit
  %i.029 = phi i64 [ %add, %for.cond.loopexit ], [ 0, %entry ]
  %s.028 = phi double [ %s.1.lcssa, %for.cond.loopexit ], [ 0.000000e+00, %entry ]
  %add = add nuw nsw i64 %i.029, 1
  %cmp224 = icmp slt i64 %add, %n
  br i1 %cmp224, label %for.body4.lr.ph, label %for.cond.loopexit

for.body4.lr.ph:                                  ; preds = %for.body
  %arrayidx5 = getelementptr inbounds nuw double, ptr %x, i64 %i.029
  %0 = load double, ptr %arrayidx5, align 8
  br label %for.body4

for.body4:                                        ; preds = %for.body4.lr.ph, %for.body4
  %j.026 = phi i64 [ %add, %for.body4.lr.ph ], [ %inc, %for.body4 ]
  %s.125 = phi double [ %s.028, %for.body4.lr.ph ], [ %add8, %for.body4 ]
  %arrayidx = getelementptr inbounds nuw double, ptr %l, i64 %j.026
  %1 = load double, ptr %arrayidx, align 8
  %arrayidx6 = getelementptr inbounds nuw double, ptr %call, i64 %j.026
  %2 = load double, ptr %arrayidx6, align 8
  %3 = tail call double @llvm.fmuladd.f64(double %1, double %0, double %2)
  store double %3, ptr %arrayidx6, align 8
  %add8 = fadd double %s.125, %3
  %inc = add nuw nsw i64 %j.026, 1
  %exitcond.not = icmp eq i64 %inc, %n
  br i1 %exitcond.not, label %for.cond.loopexit, label %for.body4
}

define double @neighbour(ptr noundef readonly captures(none) %l, ptr readnone captures(none) %x, i64 noundef %n) {
entry:
  %call = tail call ptr @calloc(i64 noundef %n, i64 noundef 8)
  %cmp26 = icmp sgt i64 %n, 0
  br i1 %cmp26, label %for.body, label %for.cond.cleanup

for.cond.loopexit:                                ; preds = %for.body4, %for.body
  %exitcond28.not = icmp eq i64 %add, %n
  br i1 %exitcond28.not, label %for.cond.cleanup.loopexit, label %for.body

for.cond.cleanup.loopexit:                        ; preds = %for.cond.loopexit
  %.phi.trans.insert = getelementptr double, ptr %call, i64 %n
  %arrayidx11.phi.trans.insert = getelementptr i8, ptr %.phi.trans.insert, i64 -8
  %.pre = load double, ptr %arrayidx11.phi.trans.insert, align 8
  br label %for.cond.cleanup

for.cond.cleanup:                                 ; preds = %for.cond.cleanup.loopexit, %entry
  %0 = phi double [ %.pre, %for.cond.cleanup.loopexit ], [ 0.000000e+00, %entry ]
  tail call void @free(ptr noundef %call)
  ret double %0

for.body:                                         ; preds = %entry, %for.cond.loopexit
  %i.027 = phi i64 [ %add, %for.cond.loopexit ], [ 0, %entry ]
  %add = add nuw nsw i64 %i.027, 1
  %cmp224 = icmp slt i64 %add, %n
  br i1 %cmp224, label %for.body4.preheader, label %for.cond.loopexit

for.body4.preheader:                              ; preds = %for.body
  %1 = shl i64 %i.027, 3
  %scevgep = getelementptr i8, ptr %call, i64 %1
  %load_initial = load double, ptr %scevgep, align 8
  br label %for.body4

for.body4:                                        ; preds = %for.body4.preheader, %for.body4
  %store_forwarded = phi double [ %load_initial, %for.body4.preheader ], [ %5, %for.body4 ]
  %j.025 = phi i64 [ %add, %for.body4.preheader ], [ %inc, %for.body4 ]
  %2 = getelementptr double, ptr %call, i64 %j.025
  %arrayidx5 = getelementptr inbounds nuw double, ptr %l, i64 %j.025
  %3 = load double, ptr %arrayidx5, align 8
  %4 = load double, ptr %2, align 8
  %5 = tail call double @llvm.fmuladd.f64(double %store_forwarded, double %3, double %4)
  store double %5, ptr %2, align 8
  %inc = add nuw nsw i64 %j.025, 1
  %exitcond.not = icmp eq i64 %inc, %n
  br i1 %exitcond.not, label %for.cond.loopexit, label %for.body4
}

define double @fixed_start(ptr noundef readonly captures(none) %l, ptr noundef readonly captures(none) %x, i64 noundef %n) {
entry:
  %call = tail call ptr @calloc(i64 noundef %n, i64 noundef 8)
  %cmp22 = icmp sgt i64 %n, 0
  br i1 %cmp22, label %for.cond1.preheader, label %for.cond.cleanup

for.cond1.preheader:                              ; preds = %entry, %for.cond.cleanup3
  %i.023 = phi i64 [ %inc8, %for.cond.cleanup3 ], [ 0, %entry ]
  %cmp220.not = icmp eq i64 %i.023, 0
  br i1 %cmp220.not, label %for.cond.cleanup3, label %for.body4.lr.ph

for.body4.lr.ph:                                  ; preds = %for.cond1.preheader
  %arrayidx5 = getelementptr inbounds nuw double, ptr %x, i64 %i.023
  %0 = load double, ptr %arrayidx5, align 8
  br label %for.body4

for.cond.cleanup.loopexit:                        ; preds = %for.cond.cleanup3
  %.pre = load double, ptr %call, align 8
  br label %for.cond.cleanup

for.cond.cleanup:                                 ; preds = %for.cond.cleanup.loopexit, %entry
  %1 = phi double [ %.pre, %for.cond.cleanup.loopexit ], [ 0.000000e+00, %entry ]
  tail call void @free(ptr noundef %call)
  ret double %1

for.cond.cleanup3:                                ; preds = %for.body4, %for.cond1.preheader
  %inc8 = add nuw nsw i64 %i.023, 1
  %exitcond24.not = icmp eq i64 %inc8, %n
  br i1 %exitcond24.not, label %for.cond.cleanup.loopexit, label %for.cond1.preheader

for.body4:                                        ; preds = %for.body4.lr.ph, %for.body4
  %j.021 = phi i64 [ 0, %for.body4.lr.ph ], [ %inc, %for.body4 ]
  %arrayidx = getelementptr inbounds nuw double, ptr %l, i64 %j.021
  %2 = load double, ptr %arrayidx, align 8
  %arrayidx6 = getelementptr inbounds nuw double, ptr %call, i64 %j.021
  %3 = load double, ptr %arrayidx6, align 8
  %4 = tail call double @llvm.fmuladd.f64(double %2, double %0, double %3)
  store double %4, ptr %arrayidx6, align 8
  %inc = add nuw nsw i64 %j.021, 1
  %exitcond.not = icmp eq i64 %inc, %i.023
  br i1 %exitcond.not, label %for.cond.cleanup3, label %for.body4
}

define void @may_alias(ptr noundef readonly captures(none) %l, ptr noundef readonly captures(none) %x, ptr noundef captures(none) %t, i64 noundef %n) {
entry:
  %cmp19 = icmp sgt i64 %n, 0
  br i1 %cmp19, label %for.body, label %for.cond.cleanup

for.cond.loopexit:                                ; preds = %for.body4, %for.body
  %exitcond21.not = icmp eq i64 %add, %n
  br i1 %exitcond21.not, label %for.cond.cleanup, label %for.body

for.cond.cleanup:                                 ; preds = %for.cond.loopexit, %entry
  ret void

for.body:                                         ; preds = %entry, %for.cond.loopexit
  %i.020 = phi i64 [ %add, %for.cond.loopexit ], [ 0, %entry ]
  %add = add nuw nsw i64 %i.020, 1
  %cmp217 = icmp slt i64 %add, %n
  br i1 %cmp217, label %for.body4.lr.ph, label %for.cond.loopexit

for.body4.lr.ph:                                  ; preds = %for.body
  %arrayidx5 = getelementptr inbounds nuw double, ptr %x, i64 %i.020
  br label %for.body4

for.body4:                                        ; preds = %for.body4.lr.ph, %for.body4
  %j.018 = phi i64 [ %add, %for.body4.lr.ph ], [ %inc, %for.body4 ]
  %arrayidx = getelementptr inbounds nuw double, ptr %l, i64 %j.018
  %0 = load double, ptr %arrayidx, align 8
  %1 = load double, ptr %arrayidx5, align 8
  %arrayidx6 = getelementptr inbounds nuw double, ptr %t, i64 %j.018
  %2 = load double, ptr %arrayidx6, align 8
  %3 = tail call double @llvm.fmuladd.f64(double %0, double %1, double %2)
  store double %3, ptr %arrayidx6, align 8
  %inc = add nuw nsw i64 %j.018, 1
  %exitcond.not = icmp eq i64 %inc, %n
  br i1 %exitcond.not, label %for.cond.loopexit, label %for.body4
}

define void @g(ptr noundef %l, ptr noundef %dl, ptr noundef %x, ptr noundef %t, ptr noundef %dt, i64 noundef %n) {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  %1 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @shifted, i32 noundef %0, ptr noundef %l, ptr noundef %dl, i32 noundef %1, ptr noundef %x, i64 noundef %n)
  tail call void (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @shifted_ne, i32 noundef %0, ptr noundef %l, ptr noundef %dl, i32 noundef %1, ptr noundef %x, i64 noundef %n)
  %2 = load i32, ptr @enzyme_dup, align 4
  %3 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @reduction, i32 noundef %2, ptr noundef %l, ptr noundef %dl, i32 noundef %3, ptr noundef %x, i64 noundef %n)
  %4 = load i32, ptr @enzyme_dup, align 4
  %5 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @neighbour, i32 noundef %4, ptr noundef %l, ptr noundef %dl, i32 noundef %5, ptr noundef %x, i64 noundef %n)
  %6 = load i32, ptr @enzyme_dup, align 4
  %7 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @fixed_start, i32 noundef %6, ptr noundef %l, ptr noundef %dl, i32 noundef %7, ptr noundef %x, i64 noundef %n)
  %8 = load i32, ptr @enzyme_dup, align 4
  %9 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @may_alias, i32 noundef %8, ptr noundef %l, ptr noundef %dl, i32 noundef %9, ptr noundef %x, i32 noundef %8, ptr noundef %t, ptr noundef %dt, i64 noundef %n)
  ret void
}

declare void @__enzyme_autodiff(ptr noundef, ...)
