; ScratchArrayForwarding with a loop bound computed once per loop: the optimizer makes a loop's trip
; count in its preheader, so clang -O0 input reaches AD with `zext i32 %n` in each loop's preheader,
; and `for (k = 0; k < n + 3; k++)` with `smax(n + 3, 1)` in each, which GVN does not merge. The fill
; and the read count to the same n all the same. Here the array is a fixed-size stack array,
; `double t[16]`. A minimal pre-AD pipeline ('verify') keeps the two computations apart;
; default<O0> shows the stage's output.
; RUN: %swad-opt %s --pre-passes 'verify' --passes='default<O0>' -S | FileCheck %s

; CHECK-LABEL: define double @widened(
; CHECK:       fill:
; CHECK-NOT:     store
; CHECK:       read:
; CHECK:         %x.k.again = getelementptr inbounds nuw double, ptr %x, i64 %j
; CHECK-NEXT:    %xv.again = load double, ptr %x.k.again
; CHECK-NEXT:    %mu.k.again = getelementptr inbounds nuw double, ptr %mu, i64 %j
; CHECK-NEXT:    %muv.again = load double, ptr %mu.k.again
; CHECK-NEXT:    %centered.again = fsub double %xv.again, %muv.again
; CHECK-NEXT:    call double @llvm.fmuladd.f64(double %centered.again, double %centered.again, double %s)

; The read's bound is n sign-extended, the fill's n zero-extended: not known to be the same.
; CHECK-LABEL: define double @widened_differently(
; CHECK-NOT:     .again
; CHECK:         store double %centered
; CHECK-NOT:     .again
; smax(n + 3, 1), widened, in each preheader.
; CHECK-LABEL: define double @trip_count_twice(
; CHECK:       read:
; CHECK:         %centered.again = fsub double %xv.again, %muv.again
; CHECK-LABEL: define void @g(

define double @widened(ptr noundef readonly captures(none) %x, ptr noundef readonly captures(none) %mu, i32 noundef %n) {
entry:
  %t = alloca [16 x double], align 16
  %positive = icmp sgt i32 %n, 0
  br i1 %positive, label %fill.preheader, label %exit

fill.preheader:
  %fill.end = zext nneg i32 %n to i64
  br label %fill

fill:
  %k = phi i64 [ 0, %fill.preheader ], [ %k.next, %fill ]
  %x.k = getelementptr inbounds nuw double, ptr %x, i64 %k
  %xv = load double, ptr %x.k, align 8
  %mu.k = getelementptr inbounds nuw double, ptr %mu, i64 %k
  %muv = load double, ptr %mu.k, align 8
  %centered = fsub double %xv, %muv
  %t.k = getelementptr inbounds nuw double, ptr %t, i64 %k
  store double %centered, ptr %t.k, align 8
  %k.next = add nuw nsw i64 %k, 1
  %filled = icmp eq i64 %k.next, %fill.end
  br i1 %filled, label %read.preheader, label %fill

read.preheader:
  %read.end = zext nneg i32 %n to i64
  br label %read

read:
  %j = phi i64 [ 0, %read.preheader ], [ %j.next, %read ]
  %s = phi double [ 0.0, %read.preheader ], [ %s.next, %read ]
  %t.j = getelementptr inbounds nuw double, ptr %t, i64 %j
  %tv = load double, ptr %t.j, align 8
  %s.next = call double @llvm.fmuladd.f64(double %tv, double %tv, double %s)
  %j.next = add nuw nsw i64 %j, 1
  %read.done = icmp eq i64 %j.next, %read.end
  br i1 %read.done, label %exit, label %read

exit:
  %result = phi double [ 0.0, %entry ], [ %s.next, %read ]
  ret double %result
}
define double @widened_differently(ptr noundef readonly captures(none) %x, ptr noundef readonly captures(none) %mu, i32 noundef %n) {
entry:
  %t = alloca [16 x double], align 16
  %positive = icmp sgt i32 %n, 0
  br i1 %positive, label %fill.preheader, label %exit

fill.preheader:
  %fill.end = zext nneg i32 %n to i64
  br label %fill

fill:
  %k = phi i64 [ 0, %fill.preheader ], [ %k.next, %fill ]
  %x.k = getelementptr inbounds nuw double, ptr %x, i64 %k
  %xv = load double, ptr %x.k, align 8
  %mu.k = getelementptr inbounds nuw double, ptr %mu, i64 %k
  %muv = load double, ptr %mu.k, align 8
  %centered = fsub double %xv, %muv
  %t.k = getelementptr inbounds nuw double, ptr %t, i64 %k
  store double %centered, ptr %t.k, align 8
  %k.next = add nuw nsw i64 %k, 1
  %filled = icmp eq i64 %k.next, %fill.end
  br i1 %filled, label %read.preheader, label %fill

read.preheader:
  %read.end = sext i32 %n to i64
  br label %read

read:
  %j = phi i64 [ 0, %read.preheader ], [ %j.next, %read ]
  %s = phi double [ 0.0, %read.preheader ], [ %s.next, %read ]
  %t.j = getelementptr inbounds nuw double, ptr %t, i64 %j
  %tv = load double, ptr %t.j, align 8
  %s.next = call double @llvm.fmuladd.f64(double %tv, double %tv, double %s)
  %j.next = add nuw nsw i64 %j, 1
  %read.done = icmp eq i64 %j.next, %read.end
  br i1 %read.done, label %exit, label %read

exit:
  %result = phi double [ 0.0, %entry ], [ %s.next, %read ]
  ret double %result
}
define double @trip_count_twice(ptr noundef readonly captures(none) %x, ptr noundef readonly captures(none) %mu, i32 noundef %n) {
entry:
  %t = alloca [16 x double], align 16
  %positive = icmp sgt i32 %n, -3
  br i1 %positive, label %fill.preheader, label %exit

fill.preheader:
  %fill.m = add nsw i32 %n, 3
  %fill.count = call i32 @llvm.smax.i32(i32 %fill.m, i32 1)
  %fill.end = zext nneg i32 %fill.count to i64
  br label %fill

fill:
  %k = phi i64 [ 0, %fill.preheader ], [ %k.next, %fill ]
  %x.k = getelementptr inbounds nuw double, ptr %x, i64 %k
  %xv = load double, ptr %x.k, align 8
  %mu.k = getelementptr inbounds nuw double, ptr %mu, i64 %k
  %muv = load double, ptr %mu.k, align 8
  %centered = fsub double %xv, %muv
  %t.k = getelementptr inbounds nuw double, ptr %t, i64 %k
  store double %centered, ptr %t.k, align 8
  %k.next = add nuw nsw i64 %k, 1
  %filled = icmp eq i64 %k.next, %fill.end
  br i1 %filled, label %read.preheader, label %fill

read.preheader:
  %read.m = add nsw i32 %n, 3
  %read.count = call i32 @llvm.smax.i32(i32 %read.m, i32 1)
  %read.end = zext nneg i32 %read.count to i64
  br label %read

read:
  %j = phi i64 [ 0, %read.preheader ], [ %j.next, %read ]
  %s = phi double [ 0.0, %read.preheader ], [ %s.next, %read ]
  %t.j = getelementptr inbounds nuw double, ptr %t, i64 %j
  %tv = load double, ptr %t.j, align 8
  %s.next = call double @llvm.fmuladd.f64(double %tv, double %tv, double %s)
  %j.next = add nuw nsw i64 %j, 1
  %read.done = icmp eq i64 %j.next, %read.end
  br i1 %read.done, label %exit, label %read

exit:
  %result = phi double [ 0.0, %entry ], [ %s.next, %read ]
  ret double %result
}

@enzyme_dup = external global i32, align 4
@enzyme_const = external global i32, align 4

define void @g(ptr %x, ptr %dx, ptr %mu, i32 %n) {
  %dup = load i32, ptr @enzyme_dup, align 4
  %const = load i32, ptr @enzyme_const, align 4
  call void (ptr, ...) @__enzyme_autodiff(ptr @widened, i32 %dup, ptr %x, ptr %dx, i32 %const, ptr %mu, i32 %const, i32 %n)
  call void (ptr, ...) @__enzyme_autodiff(ptr @trip_count_twice, i32 %dup, ptr %x, ptr %dx, i32 %const, ptr %mu, i32 %const, i32 %n)
  call void (ptr, ...) @__enzyme_autodiff(ptr @widened_differently, i32 %dup, ptr %x, ptr %dx, i32 %const, ptr %mu, i32 %const, i32 %n)
  ret void
}

declare void @__enzyme_autodiff(ptr, ...)
declare double @llvm.fmuladd.f64(double, double, double)
declare i32 @llvm.smax.i32(i32, i32)
