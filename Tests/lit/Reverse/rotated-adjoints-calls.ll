; RUN: %swad-opt %s --pre-passes '' -O0 -S | FileCheck %s
; Which calls a loop may make and still have its adjoints summed in registers
; (`Gradient+RotatedAdjoints`): those whose memory(...) attribute says they touch no memory of the
; program. libm's sin writes errno only: the loop reading x[i] (out may alias x) gets its pending sum.
; A helper that may write through its pointer argument could clear the very adjoint the sum holds
; back: that loop keeps its additions in memory.
; CHECK-LABEL: define internal void @diffe_reverse_with_sin(
; CHECK:       %pending = alloca double
; CHECK:       %rotated = alloca i1
; CHECK:       ret void
; CHECK-LABEL: define internal void @diffe_reverse_with_writer(
; CHECK-NOT:   pending
; CHECK-NOT:   rotated
; CHECK:       ret void

declare void @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32
@enzyme_const = external global i32

declare double @sin(double) #0
; Halves out[0] (a helper AD differentiates too).
define void @note(ptr %p) noinline {
  %v = load double, ptr %p
  %h = fmul double %v, 0.5
  store double %h, ptr %p
  ret void
}

; out[j] += sin(l[j] * x[i]) for i, j < n.
define void @with_sin(ptr %x, ptr %l, ptr %out, i64 %n) {
entry:
  br label %outer
outer:
  %i = phi i64 [ 0, %entry ], [ %i.next, %outer.latch ]
  %xi.p = getelementptr inbounds double, ptr %x, i64 %i
  br label %inner
inner:
  %j = phi i64 [ 0, %outer ], [ %j.next, %inner ]
  %xi = load double, ptr %xi.p
  %lj.p = getelementptr inbounds double, ptr %l, i64 %j
  %lj = load double, ptr %lj.p
  %t = fmul double %lj, %xi
  %st = call double @sin(double %t)
  %oj.p = getelementptr inbounds double, ptr %out, i64 %j
  %oj = load double, ptr %oj.p
  %s = fadd double %oj, %st
  store double %s, ptr %oj.p
  %j.next = add nuw nsw i64 %j, 1
  %j.done = icmp eq i64 %j.next, %n
  br i1 %j.done, label %outer.latch, label %inner
outer.latch:
  %i.next = add nuw nsw i64 %i, 1
  %i.done = icmp eq i64 %i.next, %n
  br i1 %i.done, label %exit, label %outer
exit:
  ret void
}

; The same with a call that may write memory through %out.
define void @with_writer(ptr %x, ptr %l, ptr %out, i64 %n) {
entry:
  br label %outer
outer:
  %i = phi i64 [ 0, %entry ], [ %i.next, %outer.latch ]
  %xi.p = getelementptr inbounds double, ptr %x, i64 %i
  br label %inner
inner:
  %j = phi i64 [ 0, %outer ], [ %j.next, %inner ]
  %xi = load double, ptr %xi.p
  %lj.p = getelementptr inbounds double, ptr %l, i64 %j
  %lj = load double, ptr %lj.p
  %t = fmul double %lj, %xi
  %oj.p = getelementptr inbounds double, ptr %out, i64 %j
  call void @note(ptr %out)
  %oj = load double, ptr %oj.p
  %s = fadd double %oj, %t
  store double %s, ptr %oj.p
  %j.next = add nuw nsw i64 %j, 1
  %j.done = icmp eq i64 %j.next, %n
  br i1 %j.done, label %outer.latch, label %inner
outer.latch:
  %i.next = add nuw nsw i64 %i, 1
  %i.done = icmp eq i64 %i.next, %n
  br i1 %i.done, label %exit, label %outer
exit:
  ret void
}

define void @gradients(ptr %x, ptr %dx, ptr %l, ptr %out, ptr %dout, i64 %n) {
  %dup = load i32, ptr @enzyme_dup
  %const = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @with_sin, i32 %dup, ptr %x, ptr %dx, i32 %const, ptr %l, i32 %dup, ptr %out, ptr %dout, i64 %n)
  call void (ptr, ...) @__enzyme_autodiff(ptr @with_writer, i32 %dup, ptr %x, ptr %dx, i32 %const, ptr %l, i32 %dup, ptr %out, ptr %dout, i64 %n)
  ret void
}

attributes #0 = { mustprogress nofree nounwind willreturn memory(errnomem: write) }
