; ScratchArrayForwarding leaves a load of the scratch array alone when what the stored value reads is
; released between the fill and the read: `free` of the heap block it was computed from, or the end
; of the lifetime of the stack slot. Read again there, the value would come from freed memory (the
; allocator writes its own bookkeeping into a freed block). Released after the read, it is forwarded.
; RUN: %swad-opt %s --passes='default<O0>' -S | FileCheck %s

; The source block is freed after the read: forwarded.
; CHECK-LABEL: define double @freed_after(
; CHECK:         %scaled.again = fmul double
; CHECK:         call void @free(ptr {{.*}}%source)
; The source block is freed before the read.
; CHECK-LABEL: define double @freed_before(
; CHECK-NOT:     .again
; CHECK:         call void @free(ptr {{.*}}%source)
; CHECK-NOT:     .again
; CHECK:         load double, ptr %t.j
; The source slot's lifetime ends before the read.
; CHECK-LABEL: define double @lifetime_ended(
; CHECK-NOT:     .again
; CHECK:         call void @llvm.lifetime.end.p0(ptr {{.*}}%source)
; CHECK-NOT:     .again
; CHECK:         load double, ptr %t.j
; CHECK-LABEL: define void @g(

@enzyme_dup = external global i32, align 4
@enzyme_const = external global i32, align 4

; source[i] = x[i] / 2, out of line.
define void @fill_source(ptr %source, ptr %x, i64 %n) noinline {
entry:
  %positive = icmp sgt i64 %n, 0
  br i1 %positive, label %loop, label %exit

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %x.i = getelementptr inbounds nuw double, ptr %x, i64 %i
  %xv = load double, ptr %x.i, align 8
  %half = fmul double %xv, 5.000000e-01
  %source.i = getelementptr inbounds nuw double, ptr %source, i64 %i
  store double %half, ptr %source.i, align 8
  %i.next = add nuw nsw i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret void
}

define double @freed_after(ptr %x, i64 %n) {
entry:
  %bytes = shl i64 %n, 3
  %source = call ptr @malloc(i64 %bytes)
  call void @fill_source(ptr %source, ptr %x, i64 %n)
  %t = alloca [16 x double], align 16
  %positive = icmp sgt i64 %n, 0
  br i1 %positive, label %fill, label %exit

fill:
  %k = phi i64 [ 0, %entry ], [ %k.next, %fill ]
  %source.k = getelementptr inbounds nuw double, ptr %source, i64 %k
  %value = load double, ptr %source.k, align 8
  %x.k = getelementptr inbounds nuw double, ptr %x, i64 %k
  %xv = load double, ptr %x.k, align 8
  %scaled = fmul double %value, %xv
  %t.k = getelementptr inbounds nuw double, ptr %t, i64 %k
  store double %scaled, ptr %t.k, align 8
  %k.next = add nuw nsw i64 %k, 1
  %filled = icmp eq i64 %k.next, %n
  br i1 %filled, label %read, label %fill

read:
  %j = phi i64 [ 0, %fill ], [ %j.next, %read ]
  %s = phi double [ 0.0, %fill ], [ %s.next, %read ]
  %t.j = getelementptr inbounds nuw double, ptr %t, i64 %j
  %tv = load double, ptr %t.j, align 8
  %s.next = call double @llvm.fmuladd.f64(double %tv, double %tv, double %s)
  %j.next = add nuw nsw i64 %j, 1
  %read.done = icmp eq i64 %j.next, %n
  br i1 %read.done, label %exit, label %read

exit:
  %result = phi double [ 0.0, %entry ], [ %s.next, %read ]
  call void @free(ptr %source)
  ret double %result
}

define double @freed_before(ptr %x, i64 %n) {
entry:
  %bytes = shl i64 %n, 3
  %source = call ptr @malloc(i64 %bytes)
  call void @fill_source(ptr %source, ptr %x, i64 %n)
  %t = alloca [16 x double], align 16
  %positive = icmp sgt i64 %n, 0
  br i1 %positive, label %fill, label %exit

fill:
  %k = phi i64 [ 0, %entry ], [ %k.next, %fill ]
  %source.k = getelementptr inbounds nuw double, ptr %source, i64 %k
  %value = load double, ptr %source.k, align 8
  %x.k = getelementptr inbounds nuw double, ptr %x, i64 %k
  %xv = load double, ptr %x.k, align 8
  %scaled = fmul double %value, %xv
  %t.k = getelementptr inbounds nuw double, ptr %t, i64 %k
  store double %scaled, ptr %t.k, align 8
  %k.next = add nuw nsw i64 %k, 1
  %filled = icmp eq i64 %k.next, %n
  br i1 %filled, label %released, label %fill

released:
  call void @free(ptr %source)
  br label %read

read:
  %j = phi i64 [ 0, %released ], [ %j.next, %read ]
  %s = phi double [ 0.0, %released ], [ %s.next, %read ]
  %t.j = getelementptr inbounds nuw double, ptr %t, i64 %j
  %tv = load double, ptr %t.j, align 8
  %s.next = call double @llvm.fmuladd.f64(double %tv, double %tv, double %s)
  %j.next = add nuw nsw i64 %j, 1
  %read.done = icmp eq i64 %j.next, %n
  br i1 %read.done, label %exit, label %read

exit:
  %result = phi double [ 0.0, %entry ], [ %s.next, %read ]
  ret double %result
}

define double @lifetime_ended(ptr %x, i64 %n) {
entry:
  %source = alloca [16 x double], align 16
  %t = alloca [16 x double], align 16
  call void @llvm.lifetime.start.p0(ptr %source)
  call void @fill_source(ptr %source, ptr %x, i64 %n)
  %positive = icmp sgt i64 %n, 0
  br i1 %positive, label %fill, label %exit

fill:
  %k = phi i64 [ 0, %entry ], [ %k.next, %fill ]
  %source.k = getelementptr inbounds nuw double, ptr %source, i64 %k
  %value = load double, ptr %source.k, align 8
  %x.k = getelementptr inbounds nuw double, ptr %x, i64 %k
  %xv = load double, ptr %x.k, align 8
  %scaled = fmul double %value, %xv
  %t.k = getelementptr inbounds nuw double, ptr %t, i64 %k
  store double %scaled, ptr %t.k, align 8
  %k.next = add nuw nsw i64 %k, 1
  %filled = icmp eq i64 %k.next, %n
  br i1 %filled, label %released, label %fill

released:
  call void @llvm.lifetime.end.p0(ptr %source)
  br label %read

read:
  %j = phi i64 [ 0, %released ], [ %j.next, %read ]
  %s = phi double [ 0.0, %released ], [ %s.next, %read ]
  %t.j = getelementptr inbounds nuw double, ptr %t, i64 %j
  %tv = load double, ptr %t.j, align 8
  %s.next = call double @llvm.fmuladd.f64(double %tv, double %tv, double %s)
  %j.next = add nuw nsw i64 %j, 1
  %read.done = icmp eq i64 %j.next, %n
  br i1 %read.done, label %exit, label %read

exit:
  %result = phi double [ 0.0, %entry ], [ %s.next, %read ]
  ret double %result
}

define void @g(ptr %x, ptr %dx, i64 %n) {
  %dup = load i32, ptr @enzyme_dup, align 4
  %const = load i32, ptr @enzyme_const, align 4
  call void (ptr, ...) @__enzyme_autodiff(ptr @freed_after, i32 %dup, ptr %x, ptr %dx, i32 %const, i64 %n)
  call void (ptr, ...) @__enzyme_autodiff(ptr @freed_before, i32 %dup, ptr %x, ptr %dx, i32 %const, i64 %n)
  call void (ptr, ...) @__enzyme_autodiff(ptr @lifetime_ended, i32 %dup, ptr %x, ptr %dx, i32 %const, i64 %n)
  ret void
}

declare void @__enzyme_autodiff(ptr, ...)
declare noalias ptr @malloc(i64)
declare void @free(ptr allocptr captures(none))
declare double @llvm.fmuladd.f64(double, double, double)
declare void @llvm.lifetime.start.p0(ptr captures(none))
declare void @llvm.lifetime.end.p0(ptr captures(none))
