; A scratch array filled with a math library function of its inputs (tanh) is kept, not read again
; as the function (ScratchArray.isRedoable): redone, each read would cost a call, where keeping
; costs a store and a load, and the call would leave the loop that vectorizes it with a vector
; math library for one that cannot (a sum). Cheap intrinsics (fabs) are still redone.
; RUN: %swad-opt %s --passes='default<O0>' -S | FileCheck %s

; CHECK-LABEL: define dso_local double @activations(
; CHECK:         call double @llvm.tanh.f64(
; CHECK-NOT:     call double @llvm.tanh.f64(
; CHECK-NOT:     .again
; CHECK-LABEL: define dso_local double @magnitudes(
; CHECK:         %arrayidx.again = getelementptr
; CHECK:         call double @llvm.fabs.f64(
; CHECK:         %mul2.again = fmul double

source_filename = "sc.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
define dso_local double @activations(ptr noundef %x, i32 noundef %n) {
entry:
  %x.addr = alloca ptr, align 8
  %n.addr = alloca i32, align 4
  %t = alloca ptr, align 8
  %sum = alloca double, align 8
  %i = alloca i32, align 4
  %i4 = alloca i32, align 4
  store ptr %x, ptr %x.addr, align 8
  store i32 %n, ptr %n.addr, align 4
  call void @llvm.lifetime.start.p0(ptr %t)
  %0 = load i32, ptr %n.addr, align 4
  %conv = sext i32 %0 to i64
  %mul = mul i64 %conv, 8
  %call = call noalias ptr @malloc(i64 noundef %mul)
  store ptr %call, ptr %t, align 8
  call void @llvm.lifetime.start.p0(ptr %sum)
  store double 0.000000e+00, ptr %sum, align 8
  call void @llvm.lifetime.start.p0(ptr %i)
  store i32 0, ptr %i, align 4
  br label %for.cond
for.cond:                                         ; preds = %for.inc, %entry
  %1 = load i32, ptr %i, align 4
  %2 = load i32, ptr %n.addr, align 4
  %cmp = icmp slt i32 %1, %2
  br i1 %cmp, label %for.body, label %for.cond.cleanup
for.cond.cleanup:                                 ; preds = %for.cond
  call void @llvm.lifetime.end.p0(ptr %i)
  br label %for.end
for.body:                                         ; preds = %for.cond
  %3 = load ptr, ptr %x.addr, align 8
  %4 = load i32, ptr %i, align 4
  %idxprom = sext i32 %4 to i64
  %arrayidx = getelementptr inbounds double, ptr %3, i64 %idxprom
  %5 = load double, ptr %arrayidx, align 8
  %6 = call double @llvm.tanh.f64(double %5)
  %7 = load ptr, ptr %t, align 8
  %8 = load i32, ptr %i, align 4
  %idxprom2 = sext i32 %8 to i64
  %arrayidx3 = getelementptr inbounds double, ptr %7, i64 %idxprom2
  store double %6, ptr %arrayidx3, align 8
  br label %for.inc
for.inc:                                          ; preds = %for.body
  %9 = load i32, ptr %i, align 4
  %inc = add nsw i32 %9, 1
  store i32 %inc, ptr %i, align 4
  br label %for.cond
for.end:                                          ; preds = %for.cond.cleanup
  call void @llvm.lifetime.start.p0(ptr %i4)
  store i32 0, ptr %i4, align 4
  br label %for.cond5
for.cond5:                                        ; preds = %for.inc15, %for.end
  %10 = load i32, ptr %i4, align 4
  %11 = load i32, ptr %n.addr, align 4
  %cmp6 = icmp slt i32 %10, %11
  br i1 %cmp6, label %for.body9, label %for.cond.cleanup8
for.cond.cleanup8:                                ; preds = %for.cond5
  call void @llvm.lifetime.end.p0(ptr %i4)
  br label %for.end17
for.body9:                                        ; preds = %for.cond5
  %12 = load ptr, ptr %t, align 8
  %13 = load i32, ptr %i4, align 4
  %idxprom10 = sext i32 %13 to i64
  %arrayidx11 = getelementptr inbounds double, ptr %12, i64 %idxprom10
  %14 = load double, ptr %arrayidx11, align 8
  %15 = load ptr, ptr %t, align 8
  %16 = load i32, ptr %i4, align 4
  %idxprom12 = sext i32 %16 to i64
  %arrayidx13 = getelementptr inbounds double, ptr %15, i64 %idxprom12
  %17 = load double, ptr %arrayidx13, align 8
  %18 = load double, ptr %sum, align 8
  %19 = call double @llvm.fmuladd.f64(double %14, double %17, double %18)
  store double %19, ptr %sum, align 8
  br label %for.inc15
for.inc15:                                        ; preds = %for.body9
  %20 = load i32, ptr %i4, align 4
  %inc16 = add nsw i32 %20, 1
  store i32 %inc16, ptr %i4, align 4
  br label %for.cond5
for.end17:                                        ; preds = %for.cond.cleanup8
  %21 = load ptr, ptr %t, align 8
  call void @free(ptr noundef %21)
  %22 = load double, ptr %sum, align 8
  call void @llvm.lifetime.end.p0(ptr %sum)
  call void @llvm.lifetime.end.p0(ptr %t)
  ret double %22
}
declare void @llvm.lifetime.start.p0(ptr captures(none))
declare noalias ptr @malloc(i64 noundef)
declare double @llvm.tanh.f64(double)
declare void @llvm.lifetime.end.p0(ptr captures(none))
declare double @llvm.fmuladd.f64(double, double, double)
declare void @free(ptr noundef)
define dso_local double @magnitudes(ptr noundef %x, i32 noundef %n) {
entry:
  %x.addr = alloca ptr, align 8
  %n.addr = alloca i32, align 4
  %t = alloca ptr, align 8
  %sum = alloca double, align 8
  %i = alloca i32, align 4
  %i5 = alloca i32, align 4
  store ptr %x, ptr %x.addr, align 8
  store i32 %n, ptr %n.addr, align 4
  call void @llvm.lifetime.start.p0(ptr %t)
  %0 = load i32, ptr %n.addr, align 4
  %conv = sext i32 %0 to i64
  %mul = mul i64 %conv, 8
  %call = call noalias ptr @malloc(i64 noundef %mul)
  store ptr %call, ptr %t, align 8
  call void @llvm.lifetime.start.p0(ptr %sum)
  store double 0.000000e+00, ptr %sum, align 8
  call void @llvm.lifetime.start.p0(ptr %i)
  store i32 0, ptr %i, align 4
  br label %for.cond
for.cond:                                         ; preds = %for.inc, %entry
  %1 = load i32, ptr %i, align 4
  %2 = load i32, ptr %n.addr, align 4
  %cmp = icmp slt i32 %1, %2
  br i1 %cmp, label %for.body, label %for.cond.cleanup
for.cond.cleanup:                                 ; preds = %for.cond
  call void @llvm.lifetime.end.p0(ptr %i)
  br label %for.end
for.body:                                         ; preds = %for.cond
  %3 = load ptr, ptr %x.addr, align 8
  %4 = load i32, ptr %i, align 4
  %idxprom = sext i32 %4 to i64
  %arrayidx = getelementptr inbounds double, ptr %3, i64 %idxprom
  %5 = load double, ptr %arrayidx, align 8
  %6 = call double @llvm.fabs.f64(double %5)
  %mul2 = fmul double %6, 2.000000e+00
  %7 = load ptr, ptr %t, align 8
  %8 = load i32, ptr %i, align 4
  %idxprom3 = sext i32 %8 to i64
  %arrayidx4 = getelementptr inbounds double, ptr %7, i64 %idxprom3
  store double %mul2, ptr %arrayidx4, align 8
  br label %for.inc
for.inc:                                          ; preds = %for.body
  %9 = load i32, ptr %i, align 4
  %inc = add nsw i32 %9, 1
  store i32 %inc, ptr %i, align 4
  br label %for.cond
for.end:                                          ; preds = %for.cond.cleanup
  call void @llvm.lifetime.start.p0(ptr %i5)
  store i32 0, ptr %i5, align 4
  br label %for.cond6
for.cond6:                                        ; preds = %for.inc16, %for.end
  %10 = load i32, ptr %i5, align 4
  %11 = load i32, ptr %n.addr, align 4
  %cmp7 = icmp slt i32 %10, %11
  br i1 %cmp7, label %for.body10, label %for.cond.cleanup9
for.cond.cleanup9:                                ; preds = %for.cond6
  call void @llvm.lifetime.end.p0(ptr %i5)
  br label %for.end18
for.body10:                                       ; preds = %for.cond6
  %12 = load ptr, ptr %t, align 8
  %13 = load i32, ptr %i5, align 4
  %idxprom11 = sext i32 %13 to i64
  %arrayidx12 = getelementptr inbounds double, ptr %12, i64 %idxprom11
  %14 = load double, ptr %arrayidx12, align 8
  %15 = load ptr, ptr %t, align 8
  %16 = load i32, ptr %i5, align 4
  %idxprom13 = sext i32 %16 to i64
  %arrayidx14 = getelementptr inbounds double, ptr %15, i64 %idxprom13
  %17 = load double, ptr %arrayidx14, align 8
  %18 = load double, ptr %sum, align 8
  %19 = call double @llvm.fmuladd.f64(double %14, double %17, double %18)
  store double %19, ptr %sum, align 8
  br label %for.inc16
for.inc16:                                        ; preds = %for.body10
  %20 = load i32, ptr %i5, align 4
  %inc17 = add nsw i32 %20, 1
  store i32 %inc17, ptr %i5, align 4
  br label %for.cond6
for.end18:                                        ; preds = %for.cond.cleanup9
  %21 = load ptr, ptr %t, align 8
  call void @free(ptr noundef %21)
  %22 = load double, ptr %sum, align 8
  call void @llvm.lifetime.end.p0(ptr %sum)
  call void @llvm.lifetime.end.p0(ptr %t)
  ret double %22
}
declare double @llvm.fabs.f64(double)
define dso_local void @g(ptr noundef %x, ptr noundef %dx, i32 noundef %n) {
entry:
  %x.addr = alloca ptr, align 8
  %dx.addr = alloca ptr, align 8
  %n.addr = alloca i32, align 4
  store ptr %x, ptr %x.addr, align 8
  store ptr %dx, ptr %dx.addr, align 8
  store i32 %n, ptr %n.addr, align 4
  %0 = load ptr, ptr %x.addr, align 8
  %1 = load ptr, ptr %dx.addr, align 8
  %2 = load i32, ptr %n.addr, align 4
  call void (ptr, ...) @__enzyme_autodiff(ptr noundef @activations, ptr noundef %0, ptr noundef %1, i32 noundef %2)
  %3 = load ptr, ptr %x.addr, align 8
  %4 = load ptr, ptr %dx.addr, align 8
  %5 = load i32, ptr %n.addr, align 4
  call void (ptr, ...) @__enzyme_autodiff(ptr noundef @magnitudes, ptr noundef %3, ptr noundef %4, i32 noundef %5)
  ret void
}
declare void @__enzyme_autodiff(ptr noundef, ...)
