; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A callee whose result holds a pointer and a float (Swift's `([Double], Double)` comes back as
; `{ptr, double}`): its augmented forward sweep returns the result's shadow (the pointer's), and its
; reverse sweep takes the result's adjoint (the float's). Before, a result with a pointer in it got
; only the shadow, and the adjoint of the float was dropped: the gradient through it was 0.

define { ptr, double } @scaled(ptr %p) noinline {
  %x = load double, ptr %p, align 8
  %s = fmul double %x, %x
  %a = insertvalue { ptr, double } poison, ptr %p, 0
  %b = insertvalue { ptr, double } %a, double %s, 1
  ret { ptr, double } %b
}

define double @outer(ptr %p) {
  %pair = call { ptr, double } @scaled(ptr %p)
  %s = extractvalue { ptr, double } %pair, 1
  %q = extractvalue { ptr, double } %pair, 0
  %y = load double, ptr %q, align 8
  %r = fmul double %s, %y
  ret double %r
}

declare void @__enzyme_autodiff(ptr, ...)

define void @gradient(ptr %p, ptr %dp) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @outer, ptr %p, ptr %dp)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_outer(
; CHECK:         call void @diffe_reverse_scaled(ptr %{{.*}}, { ptr, double } %{{.*}}, ptr
; CHECK-LABEL: define internal { { ptr, double }, { ptr, double } } @augmented_scaled(
; CHECK-LABEL: define internal void @diffe_reverse_scaled(ptr %tape, { ptr, double } %dret, ptr %p, ptr %"'p")
; CHECK:         extractvalue { ptr, double } {{.*}}, 1
