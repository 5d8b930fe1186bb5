; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A block allocated in a loop, the previous one freed in each iteration, the last one stored into
; the caller's memory (a vector growing into an argument): not every block the allocation makes is
; freed in the function, so the reverse sweep of the allocation must not release the shadows (it
; released the last one too, which the caller's shadow held: a double free when the caller freed
; it). The shadow of each block freed is released after the gradient, registered where the primal
; is freed; the last one stays with the caller's shadow.

; CHECK-LABEL: define internal double @augmented_grow(
; CHECK: call void @free(ptr %old)
; CHECK-NEXT: [[R:%.*]] = call ptr @swad.tape.reserve(ptr @swad.release.after, i64 16)
; CHECK-NEXT: store ptr %"'old", ptr [[R]]
; CHECK: store ptr %"'block", ptr %"'out"
; CHECK-LABEL: define internal void @diffe_reverse_grow(
; CHECK-NOT: @swad.release.after
; CHECK-NOT: @swad.block.release
; CHECK: ret void

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32

define double @grow(ptr %x, ptr %out) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %old = phi ptr [ null, %entry ], [ %block, %loop ]
  %block = call ptr @malloc(i64 8)
  %v = load double, ptr %x
  %i.f = sitofp i64 %i to double
  %w = fmul double %v, %i.f
  store double %w, ptr %block
  call void @free(ptr %old)
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, 3
  br i1 %done, label %exit, label %loop
exit:
  store ptr %block, ptr %out
  %r = load double, ptr %block
  ret double %r
}

define void @caller(ptr %x, ptr %dx, ptr %out, ptr %dout) {
  %m = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @grow, i32 %m, ptr %x, ptr %dx, i32 %m, ptr %out, ptr %dout)
  ret void
}
