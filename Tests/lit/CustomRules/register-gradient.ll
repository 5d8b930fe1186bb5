; A function with a registered gradient is differentiated by calling its augmented and reverse
; functions, even though it has no body; the tape the augmented function returns reaches the reverse.
; RUN: %swad-opt %s -O0 --pre-passes='' -S | FileCheck %s

@__enzyme_register_gradient_ext = global [3 x ptr] [ptr @ext, ptr @ext_augmented, ptr @ext_reverse]

declare double @ext(double)
declare { ptr, double } @ext_augmented(double)
declare double @ext_reverse(double, double, ptr)

define double @f(double %x) {
entry:
  %y = call double @ext(double %x)
  %z = fmul double %y, %x
  ret double %z
}

declare double @__enzyme_autodiff(ptr, ...)

define double @caller(double %x) {
entry:
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %d
}

; CHECK-LABEL: define internal double @augmented_f(
; CHECK:         [[PAIR:%.*]] = call { ptr, double } @ext_augmented(double %x)
; CHECK:         [[TAPE:%.*]] = extractvalue { ptr, double } [[PAIR]], 0
; CHECK:         [[Y:%.*]] = extractvalue { ptr, double } [[PAIR]], 1
; CHECK:         fmul double [[Y]], %x

; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; CHECK:         call double @ext_reverse(double {{%.*}}, double {{%.*}}, ptr {{%.*}})
