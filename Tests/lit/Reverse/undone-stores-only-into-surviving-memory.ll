; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A store after a loop that read its memory is undone before the loop's reverse (the reverse sweep
; loads the old values again instead of keeping them) and redone at the exit. That needs the memory
; to be there while the reverse sweep runs: the caller's memory is (`scale_by_norm`, its vector the
; gradient's argument), a caller's stack slot is not (`scale_local`, called on a copy in the
; caller's frame, which is gone with the caller's forward sweep). Undone there, the store wrote into
; whatever frame lay at that address during the reverse sweep: Eigen's `partialPivLu().solve(b)`
; into a `Vector3d` gave a wrong gradient at -O0, different for each stack layout. Its loop's values
; are now kept instead (Gradient+DeferredReleases.swift).

declare double @__enzyme_autodiff(ptr, ...)

define internal void @scale_by_norm(ptr %v, i64 %n) noinline {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %s = phi double [ 0.0, %entry ], [ %s.next, %loop ]
  %p = getelementptr inbounds double, ptr %v, i64 %i
  %x = load double, ptr %p, align 8
  %sq = fmul double %x, %x
  %s.next = fadd double %s, %sq
  %i.next = add i64 %i, 1
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %loop, label %done

done:
  store double %s.next, ptr %v, align 8
  ret void
}

define internal void @scale_local(ptr %v, i64 %n) noinline {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %s = phi double [ 0.0, %entry ], [ %s.next, %loop ]
  %p = getelementptr inbounds double, ptr %v, i64 %i
  %x = load double, ptr %p, align 8
  %sq = fmul double %x, %x
  %s.next = fadd double %s, %sq
  %i.next = add i64 %i, 1
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %loop, label %done

done:
  store double %s.next, ptr %v, align 8
  ret void
}

define double @on_arguments(ptr %x) {
entry:
  call void @scale_by_norm(ptr %x, i64 3)
  %r = load double, ptr %x, align 8
  ret double %r
}

define double @on_stack(ptr %x) {
entry:
  %copy = alloca [3 x double], align 8
  %x0 = load double, ptr %x, align 8
  store double %x0, ptr %copy, align 8
  %x.1 = getelementptr inbounds double, ptr %x, i64 1
  %x1 = load double, ptr %x.1, align 8
  %copy.1 = getelementptr inbounds double, ptr %copy, i64 1
  store double %x1, ptr %copy.1, align 8
  %x.2 = getelementptr inbounds double, ptr %x, i64 2
  %x2 = load double, ptr %x.2, align 8
  %copy.2 = getelementptr inbounds double, ptr %copy, i64 2
  store double %x2, ptr %copy.2, align 8
  call void @scale_local(ptr %copy, i64 3)
  %r = load double, ptr %copy, align 8
  ret double %r
}

define void @gradients(ptr %x, ptr %dx) {
entry:
  %a = call double (ptr, ...) @__enzyme_autodiff(ptr @on_arguments, ptr %x, ptr %dx)
  %b = call double (ptr, ...) @__enzyme_autodiff(ptr @on_stack, ptr %x, ptr %dx)
  ret void
}

; CHECK-LABEL: define internal void @augmented_scale_by_norm(
; CHECK: %old = load double, ptr %v, align 8
; CHECK-LABEL: define internal void @diffe_reverse_scale_by_norm(
; CHECK: %restored = alloca i1
; CHECK: redo:
; CHECK: ret void

; CHECK-LABEL: define internal void @augmented_scale_local(
; CHECK-NOT: %old =
; CHECK: ret void
; CHECK-LABEL: define internal void @diffe_reverse_scale_local(
; CHECK-NOT: redo
; CHECK-NOT: restored
; CHECK: ret void
