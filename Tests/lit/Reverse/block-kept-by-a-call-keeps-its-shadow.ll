; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A block that a helper left as a call may keep (no `captures(none)` on its parameter) outlives the
; function: its shadow is not the reverse sweep's to release. Here a buffer grows block by block,
; each old block freed, and the last is handed to `attach`, which stores it into the caller's
; holder. The reverse sweep released every block's shadow, the last one's included, which the
; caller's shadow holder held (a use after free, then a double free). The blocks the forward sweep
; frees have their shadows released when the gradient is done, as before.

; CHECK-LABEL: define internal double @augmented_fill(
; CHECK: call void @free(ptr %old)
; CHECK-NEXT: call ptr @swad.tape.reserve(ptr @swad.release.after, i64 16)
; CHECK: ret double

; CHECK-LABEL: define internal void @diffe_reverse_fill(
; CHECK-NOT: @swad.release.after
; CHECK: ret void

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32
@enzyme_const = external global i32

define void @attach(ptr %holder, ptr %block) noinline {
  store ptr %block, ptr %holder
  ret void
}

define double @fill(ptr %holder, ptr %x, i64 %n) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %old = phi ptr [ null, %entry ], [ %new, %loop ]
  %new = call ptr @malloc(i64 8)
  call void @free(ptr %old)
  %at = getelementptr inbounds double, ptr %x, i64 %i
  %v = load double, ptr %at
  %w = fmul double %v, %v
  store double %w, ptr %new
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, %n
  br i1 %done, label %exit, label %loop

exit:
  call void @attach(ptr %holder, ptr %new)
  %back = load double, ptr %new
  ret double %back
}

define void @caller(ptr %holder, ptr %dholder, ptr %x, ptr %dx, i64 %n) {
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @fill, i32 %d, ptr %holder, ptr %dholder, i32 %d, ptr %x, ptr %dx, i32 %c, i64 %n)
  ret void
}
