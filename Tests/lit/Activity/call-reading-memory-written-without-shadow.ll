; Memory from an allocator swad does not know (`mmap`: no body, no rule, so its block has no
; shadow), filled by one helper given an active value (`put(d, x)`) and read back by another given
; no active argument (`get(d)`). The read's call was taken for one without a derivative: it was not
; differentiated, nothing checked its read, and the gradient was silently 0. A call given a pointer
; without a shadow into memory the function may have written a derivative into is now active
; (ActivityAnalysis.readsWrittenWithoutShadow): differentiated, its read is checked against the
; records of what was written there, and the program stops with an error naming both places
; (Support/UnshadowedMemory.swift).
; RUN: %swad-opt %s --pre-passes '' --print-activity | FileCheck %s --check-prefix=ACTIVITY
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

declare double @__enzyme_autodiff(ptr, ...)
declare ptr @mmap(ptr, i64, i32, i32, i32, i64)

define internal void @put(ptr %w, double %v) noinline {
  %sq = fmul double %v, %v
  store double %sq, ptr %w, align 8
  ret void
}

define internal double @get(ptr %w) noinline {
  %v = load double, ptr %w, align 8
  ret double %v
}

define double @f(double %x) {
  %d = call ptr @mmap(ptr null, i64 4096, i32 3, i32 34, i32 -1, i64 0)
  call void @put(ptr %d, double %x)
  %r = call double @get(ptr %d)
  ret double %r
}

define double @df(double %x) {
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %r
}

; ACTIVITY-LABEL: activity of @f (reverse; active):
; ACTIVITY-NEXT: active:   double %x
; ACTIVITY-NEXT: inactive: %d = call ptr @mmap(
; ACTIVITY-NEXT: active:   %r = call double @get(ptr %d)

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: call void @augmented_put(ptr %d, double %x, ptr %tape)
; CHECK: call double @augmented_get(ptr %d, ptr %tape)

; The write records its bytes, the read checks them.
; CHECK-LABEL: define internal void @augmented_put(
; CHECK: call void @swad.unshadowed.write(ptr %w, i64 8,
; CHECK-LABEL: define internal double @augmented_get(
; CHECK: call void @swad.unshadowed.read(ptr %w, i64 8,
