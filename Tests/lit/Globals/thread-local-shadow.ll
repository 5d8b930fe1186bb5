; A thread-local global (`static _Thread_local double t`) is reached through
; `llvm.threadlocal.address`, not as a constant: it gets a shadow global like any other written
; global, itself thread-local, and the intrinsic's result has the shadow global as its shadow
; (Support/GlobalShadows.swift `threadLocalGlobal`). Before, the intrinsic was inactive: the value
; `put` stored through the address had no shadow, and `get`, called with no active argument, was
; not differentiated (derivative silently 0 in both modes).
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK: @swad.shadow.t = internal thread_local global double 0.000000e+00

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK: %p = call ptr @llvm.threadlocal.address.p0(ptr @t)
; CHECK: call void @fwddiffeput(ptr %p, ptr @swad.shadow.t,
; CHECK: call { double, double } @fwddiffeget(ptr %p, ptr @swad.shadow.t)

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: %p = call ptr @llvm.threadlocal.address.p0(ptr @t)
; CHECK: call void @augmented_put(ptr %p, ptr @swad.shadow.t,
; CHECK: call double @augmented_get(ptr %p, ptr @swad.shadow.t,

@t = internal thread_local global double 0.0

define internal void @put(ptr %w, double %v) noinline {
  %sq = fmul double %v, %v
  store double %sq, ptr %w
  ret void
}

define internal double @get(ptr %w) noinline {
  %v = load double, ptr %w
  ret double %v
}

define double @f(double %x) {
  %p = call ptr @llvm.threadlocal.address.p0(ptr @t)
  call void @put(ptr %p, double %x)
  %r = call double @get(ptr %p)
  ret double %r
}

declare ptr @llvm.threadlocal.address.p0(ptr)
declare double @__enzyme_fwddiff(ptr, ...)
declare double @__enzyme_autodiff(ptr, ...)

define double @tangent(double %x, double %dx) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx)
  ret double %r
}

define double @gradient(double %x) {
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %r
}
