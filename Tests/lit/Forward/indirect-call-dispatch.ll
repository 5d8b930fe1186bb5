; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A call through a function pointer with active arguments dispatches, in a function of its own, on
; the pointer among the module's address-taken functions of the call's type; each target gets its
; derivative, and the call that remains for targets outside the module is marked swad.unresolved.

@table = global [2 x ptr] [ptr @square, ptr @twice]

define double @square(double %x) {
  %r = fmul double %x, %x
  ret double %r
}

define double @twice(double %x) {
  %r = fadd double %x, %x
  ret double %r
}

define double @apply(i64 %i, double %x) {
entry:
  %slot = getelementptr [2 x ptr], ptr @table, i64 0, i64 %i
  %f = load ptr, ptr %slot
  %r = call double %f(double %x)
  ret double %r
}

declare double @__enzyme_fwddiff(ptr, ...)

define double @caller(i64 %i, double %x, double %dx) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @apply, i64 %i, double %x, double %dx)
  ret double %t
}

; CHECK-LABEL: define double @apply(
; CHECK: [[F:%.*]] = load ptr, ptr
; CHECK-NEXT: {{%.*}} = call double @swad.dispatch.indirect.apply(ptr [[F]], double %x)

; CHECK-LABEL: define internal double @swad.dispatch.indirect.apply(
; CHECK-SAME: ptr [[FP:%.*]], double [[X:%.*]])
; CHECK: icmp eq ptr [[FP]], @square
; CHECK: call double @square(double [[X]])
; CHECK: icmp eq ptr [[FP]], @twice
; CHECK: call double @twice(double [[X]])
; CHECK: call double [[FP]](double [[X]]), !swad.unresolved

; CHECK-LABEL: define internal { double, double } @fwddiffeswad.dispatch.indirect.apply(
; CHECK: call { double, double } @fwddiffesquare(
; CHECK: call { double, double } @fwddiffetwice(
; CHECK: call i64 @write(i32 2,
; CHECK-NEXT: call void @swad.stop.name(ptr %0)
; CHECK-NEXT: call void @abort()
