; Before the post-AD passes, the derivatives with more instructions than the limit are marked
; noinline, so the inliner leaves them calls, unless a caller hands them one of its stack slots (the
; gradient's tape header, which inlining turns into registers). The limit is
; --derivatives-out-of-line-above (500 by default) for a derivative the program calls, and
; --callee-derivatives-out-of-line-above (150 by default) for one only other derivatives call (the
; derivatives of @power, whose call the pre-AD inliner left). The pre-AD passes are off and the
; post-AD pipeline is the inliner alone, so what is inlined is what the marks allow.
; RUN: %swad-opt --pre-passes '' --passes=inline --derivatives-out-of-line-above 5 --callee-derivatives-out-of-line-above 5 %s -S | FileCheck %s --check-prefix=LIMIT
; RUN: %swad-opt --pre-passes '' --passes=inline --callee-derivatives-out-of-line-above 5 %s -S | FileCheck %s --check-prefix=CALLEE
; RUN: %swad-opt --pre-passes '' --passes=inline %s -S | FileCheck %s --check-prefix=DEFAULT
; Before a standard pipeline, the sweeps handed the wrapper's tape header are marked alwaysinline,
; so that they are inlined into it before the inliner simplifies each on its own (default<O0> runs
; only the always-inliner). A pipeline given by hand gets the sweeps as AD made them.
; RUN: %swad-opt --pre-passes '' --passes='default<O0>' --derivatives-out-of-line-above 5 --callee-derivatives-out-of-line-above 5 %s -S | FileCheck %s --check-prefix=EARLY
; RUN: %swad-opt --pre-passes '' --passes=verify %s -S | FileCheck %s --check-prefix=APART
; Without post-AD passes nothing is marked.
; RUN: %swad-opt --pre-passes '' -O0 --derivatives-out-of-line-above 15 %s -S | FileCheck %s --check-prefix=O0

; With a limit of 5 instructions, the derivatives of @power (handed the tape pointer, an argument of
; their callers) stay calls, and so does the gradient's wrapper @diffef; those of @f, handed the
; wrapper's tape header (a stack slot), are inlined into the wrapper all the same.
; LIMIT-LABEL: define double @caller(
; LIMIT:         call { double } @diffef(
; A user's function that hands the gradient the address of its own local (@caller_slot's %out)
; does not keep a large wrapper inline: the slots that count are the derivatives' own.
; LIMIT-LABEL: define double @caller_slot(
; LIMIT:         %out = alloca double
; LIMIT:         call void @diffeg(
; LIMIT:       define internal double @augmented_power({{.*}}) [[OUTOFLINE:#[0-9]+]] {
; LIMIT:       define internal { double } @diffe_reverse_power({{.*}}) [[OUTOFLINE]] {
; LIMIT-LABEL: define internal { double } @diffef(
; LIMIT:         %tape = alloca
; LIMIT-NOT:     call {{.*}} @augmented_f(
; LIMIT:         call double @augmented_power({{.*}}, ptr %tape)
; LIMIT-NOT:     call {{.*}} @diffe_reverse_f(
; LIMIT:         call { double } @diffe_reverse_power(ptr %tape
; LIMIT:         ret
; LIMIT-NOT:   define {{.*}} @augmented_f(
; LIMIT-NOT:   define {{.*}} @diffe_reverse_f(
; LIMIT:       attributes [[OUTOFLINE]] = { noinline }

; With only the callees' limit at 5, the derivatives of @power stay calls, and the gradient of @f,
; which @caller calls, is inlined into it.
; CALLEE-LABEL: define double @caller(
; CALLEE-NOT:     call {{.*}} @diffef(
; CALLEE:         call double @augmented_power(
; CALLEE:         call { double } @diffe_reverse_power(
; CALLEE:         ret double
; CALLEE:       define internal double @augmented_power({{.*}}) [[OUTOFLINE:#[0-9]+]] {
; CALLEE:       define internal { double } @diffe_reverse_power({{.*}}) [[OUTOFLINE]] {
; CALLEE-NOT:   define {{.*}} @diffef(
; CALLEE:       attributes [[OUTOFLINE]] = { noinline }

; At the default limits all are small: all are inlined and deleted.
; DEFAULT-LABEL: define double @caller(
; DEFAULT-NOT:     call {{.*}} @augmented_
; DEFAULT-NOT:     call {{.*}} @diffe
; DEFAULT:         ret double
; DEFAULT-NOT:   define {{.*}} @augmented_
; DEFAULT-NOT:   define {{.*}} @diffe

; EARLY-LABEL: define internal { double } @diffef(
; EARLY:         %tape = alloca
; EARLY-NOT:     call {{.*}} @augmented_f(
; EARLY:         call double @augmented_power({{.*}}, ptr %tape)
; EARLY-NOT:     call {{.*}} @diffe_reverse_f(
; EARLY:         call { double } @diffe_reverse_power(ptr %tape
; EARLY:         ret
; EARLY-NOT:   define {{.*}} @augmented_f(
; EARLY-NOT:   define {{.*}} @diffe_reverse_f(

; APART-LABEL: define internal { double } @diffef(
; APART:         call double @augmented_f(
; APART:         call { double } @diffe_reverse_f(

; O0:          define internal double @augmented_power({{.*}}) {
; O0:          define internal { double } @diffe_reverse_power({{.*}}) {

declare double @__enzyme_autodiff(ptr, ...)
declare double @llvm.sin.f64(double)

; xⁿ, through a loop so that the reverse sweep needs a tape.
define double @power(double %x, i32 %n) noinline {
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
  ret double %power.next
}

; sin(xⁿ)
define double @f(double %x, i32 %n) {
  %p = call double @power(double %x, i32 %n)
  %s = call double @llvm.sin.f64(double %p)
  ret double %s
}

define double @caller(double %x, i32 %n) {
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, i32 %n)
  ret double %d
}

; *out = sin(xⁿ), differentiated with the output in the caller's stack slot.
define void @g(ptr %x, i32 %n, ptr %out) {
  %v = load double, ptr %x
  %s = call double @f(double %v, i32 %n)
  store double %s, ptr %out
  ret void
}

define double @caller_slot(ptr %x, ptr %dx, i32 %n) {
  %out = alloca double
  %dout = alloca double
  store double 1.0, ptr %dout
  call void (ptr, ...) @__enzyme_autodiff(ptr @g, ptr %x, ptr %dx, i32 %n, ptr %out, ptr %dout)
  %r = load double, ptr %out
  ret double %r
}
