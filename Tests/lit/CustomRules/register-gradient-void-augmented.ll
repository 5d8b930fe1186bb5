; A registered augmented function that returns void (no tape, and not the primal's result) is valid:
; the reverse function takes no tape, and the primal result, where it is used, comes from the
; primal function itself.
; RUN: %swad-opt %s -O0 --pre-passes='' -S | FileCheck %s

@__enzyme_register_gradient_ext = global [3 x ptr] [ptr @ext, ptr @ext_augmented, ptr @ext_reverse]

declare double @ext(double)
declare void @ext_augmented(double)
declare double @ext_reverse(double, double)

; The result is used: ext computes it.
define double @used(double %x) {
entry:
  %y = call double @ext(double %x)
  %z = fmul double %y, %x
  ret double %z
}

; The result is not used: only the augmented function runs.
define double @unused(double %x) {
entry:
  %y = call double @ext(double %x)
  %z = fmul double %x, %x
  ret double %z
}

declare double @__enzyme_autodiff(ptr, ...)

define double @caller(double %x) {
entry:
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @used, double %x)
  %e = call double (ptr, ...) @__enzyme_autodiff(ptr @unused, double %x)
  %s = fadd double %d, %e
  ret double %s
}

; CHECK-LABEL: define internal double @augmented_used(
; CHECK:         call void @ext_augmented(double %x)
; CHECK-NEXT:    [[Y:%.*]] = call double @ext(double %x)
; CHECK-NEXT:    fmul double [[Y]], %x
; CHECK-LABEL: define internal { double } @diffe_reverse_used(
; CHECK:         call double @ext_reverse(double %x, double {{%.*}})

; CHECK-LABEL: define internal double @augmented_unused(
; CHECK:         call void @ext_augmented(double %x)
; CHECK-NOT:     call double @ext(
; CHECK:         ret
; CHECK-LABEL: define internal { double } @diffe_reverse_unused(
; CHECK:         call double @ext_reverse(double %x, double {{%.*}})
