; Before the post-AD passes, the derivatives with more instructions than the limit
; (--derivatives-out-of-line-above, 500 by default) are marked noinline, so the inliner leaves them
; calls; smaller ones, like the gradient's wrapper here, are still inlined. The pre-AD passes are off
; and the post-AD pipeline is the inliner alone, so what is inlined is what the marks allow.
; RUN: %swad-opt --pre-passes '' --passes=inline --derivatives-out-of-line-above 15 %s -S | FileCheck %s --check-prefix=LIMIT
; RUN: %swad-opt --pre-passes '' --passes=inline %s -S | FileCheck %s --check-prefix=DEFAULT
; Without post-AD passes nothing is marked.
; RUN: %swad-opt --pre-passes '' -O0 --derivatives-out-of-line-above 15 %s -S | FileCheck %s --check-prefix=O0

; The augmented forward sweep (about 20 instructions) and the reverse sweep (about 65) are over the
; limit of 15 and stay calls; the wrapper that runs them (about 12) is inlined into the caller.
; LIMIT-LABEL: define double @caller(
; LIMIT-NOT:     call {{.*}} @diffef(
; LIMIT:         call double @augmented_f(
; LIMIT:         call { double } @diffe_reverse_f(
; LIMIT:       define internal double @augmented_f({{.*}}) [[OUTOFLINE:#[0-9]+]] {
; LIMIT:       define internal { double } @diffe_reverse_f({{.*}}) [[OUTOFLINE]] {
; LIMIT-NOT:   define internal { double } @diffef(
; LIMIT:       attributes [[OUTOFLINE]] = { noinline }

; At the default limit all three are small: all are inlined and deleted.
; DEFAULT-LABEL: define double @caller(
; DEFAULT-NOT:     call {{.*}} @augmented_f(
; DEFAULT-NOT:     call {{.*}} @diffe_reverse_f(
; DEFAULT-NOT:     call {{.*}} @diffef(
; DEFAULT:         ret double
; DEFAULT-NOT:   @augmented_f
; DEFAULT-NOT:   @diffe_reverse_f
; DEFAULT-NOT:   @diffef

; O0:          define internal double @augmented_f({{.*}}) {
; O0:          define internal { double } @diffe_reverse_f({{.*}}) {
; O0:          define internal { double } @diffef({{.*}}) {

declare double @__enzyme_autodiff(ptr, ...)
declare double @llvm.sin.f64(double)

; sin(xⁿ), through a loop so that the reverse sweep needs a tape.
define double @f(double %x, i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %power = phi double [ 1.0, %entry ], [ %power.next, %loop ]
  %power.next = fmul double %power, %x
  %i.next = add i32 %i, 1
  %done = icmp eq i32 %i.next, %n
  br i1 %done, label %exit, label %loop
exit:
  %s = call double @llvm.sin.f64(double %power.next)
  ret double %s
}

define double @caller(double %x, i32 %n) {
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, i32 %n)
  ret double %d
}
