; RUN: %swad-opt %s --pre-passes '' -O0 --remarks -S -o %t.ll 2>%t.remarks
; RUN: FileCheck %s < %t.ll
; RUN: FileCheck %s --check-prefix=REMARKS < %t.remarks
; A function that reads weights from a global and writes its result through a pointer
; (`y[i] = W[i] * x[i]`, then a second pass that reads W again): a store through `y` may change `W`
; unless the caller says otherwise, so the forward sweep keeps each weight it reads. A caller that
; passes its own local array as `y`, and nothing else into that array, says otherwise: the reverse
; sweep reads the weights again (DistinctArguments.swift). All of a function's `__enzyme_autodiff`
; calls must say so for its one derivative to rely on it: `@scale2` is also called with a `y` the
; caller loaded from memory, which may point into `W`.
declare void @__enzyme_autodiff(ptr, ...)

@W = global [4 x double] zeroinitializer
@pointer = global ptr null
@enzyme_dup = external global i32
@enzyme_dupnoneed = external global i32

define internal void @scale(ptr %x, ptr %y) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %wp = getelementptr inbounds [4 x double], ptr @W, i64 0, i64 %i
  %w = load double, ptr %wp, align 8
  %xp = getelementptr inbounds double, ptr %x, i64 %i
  %xv = load double, ptr %xp, align 8
  %p = fmul double %w, %xv
  %yp = getelementptr inbounds double, ptr %y, i64 %i
  store double %p, ptr %yp, align 8
  %i.next = add nuw nsw i64 %i, 1
  %done = icmp eq i64 %i.next, 4
  br i1 %done, label %exit, label %loop

exit:
  ret void
}

define internal void @scale2(ptr %x, ptr %y) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %wp = getelementptr inbounds [4 x double], ptr @W, i64 0, i64 %i
  %w = load double, ptr %wp, align 8
  %xp = getelementptr inbounds double, ptr %x, i64 %i
  %xv = load double, ptr %xp, align 8
  %p = fmul double %w, %xv
  %yp = getelementptr inbounds double, ptr %y, i64 %i
  store double %p, ptr %yp, align 8
  %i.next = add nuw nsw i64 %i, 1
  %done = icmp eq i64 %i.next, 4
  br i1 %done, label %exit, label %loop

exit:
  ret void
}

; One derivative for @scale2's two calls (the remark for the second, the same, is not repeated).
; REMARKS: remark: synthesized diffescale for scale
; REMARKS-NEXT: remark: synthesized diffescale2 for scale2
; REMARKS-NOT: synthesized
; REMARKS-NOT: scale: the tape keeps {{.*}} each time
; REMARKS: scale: reloaded by the reverse sweep instead of kept (memory nothing writes after the forward sweep reads it): %w (load)
; REMARKS: scale2: the tape keeps 8 bytes each time block %loop runs {{.*}}: %w (load)

; CHECK-LABEL: define void @caller(
; CHECK: call void @diffescale(ptr %x, ptr %dx, ptr %y, ptr %dy)
; CHECK: call void @diffescale2(ptr %x, ptr %dx, ptr %y, ptr %dy)
; CHECK: call void @diffescale2(ptr %x, ptr %dx, ptr %loaded, ptr %dy)
define void @caller(ptr %x, ptr %dx, ptr %dy) {
entry:
  %y = alloca [4 x double], align 8
  %dup = load i32, ptr @enzyme_dup, align 4
  %noneed = load i32, ptr @enzyme_dupnoneed, align 4
  call void (ptr, ...) @__enzyme_autodiff(ptr @scale, i32 %dup, ptr %x, ptr %dx, i32 %noneed, ptr %y, ptr %dy)
  call void (ptr, ...) @__enzyme_autodiff(ptr @scale2, i32 %dup, ptr %x, ptr %dx, i32 %noneed, ptr %y, ptr %dy)
  %loaded = load ptr, ptr @pointer, align 8
  call void (ptr, ...) @__enzyme_autodiff(ptr @scale2, i32 %dup, ptr %x, ptr %dx, i32 %noneed, ptr %loaded, ptr %dy)
  ret void
}

; The reverse sweep of @scale reads W[i] again; @scale2's pops it from the tape.
; CHECK-LABEL: define internal {{.*}} @diffe_reverse_scale(
; CHECK: getelementptr inbounds [4 x double], ptr @W
; CHECK: load double
; CHECK-LABEL: define internal {{.*}} @augmented_scale2(
; CHECK: store double %w
