; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The function to differentiate reaching the entry point through a stack slot (unoptimized C's
; `double (*f)(double *) = sq;`) and as what a call returns (a C++ lambda's conversion operator,
; returning its static `__invoke`): the slot's stores and the callee's returns are looked through,
; and the function found is put in the call's place. Both were refused ("the first argument of
; __enzyme_autodiff must be a function, not ptr").

declare void @__enzyme_autodiff(ptr, ...)

define double @sq(ptr %x) {
  %v = load double, ptr %x
  %r = fmul double %v, %v
  ret double %r
}

define internal double @invoke(ptr %x) {
  %v = load double, ptr %x
  %r = fmul double %v, 3.0
  ret double %r
}

define internal ptr @conversion(ptr %this) {
  %slot = alloca ptr
  store ptr %this, ptr %slot
  ret ptr @invoke
}

; CHECK-LABEL: define void @through_slot(
; CHECK: call void @diffesq(ptr %x, ptr %dx)
define void @through_slot(ptr %x, ptr %dx) {
  %f = alloca ptr
  store ptr @sq, ptr %f
  %loaded = load ptr, ptr %f
  call void (ptr, ...) @__enzyme_autodiff(ptr %loaded, ptr %x, ptr %dx)
  ret void
}

; CHECK-LABEL: define void @through_conversion(
; CHECK: call ptr @conversion(
; CHECK: call void @diffeinvoke(ptr %x, ptr %dx)
define void @through_conversion(ptr %x, ptr %dx) {
  %lambda = alloca i8
  %slot = alloca ptr
  %made = call ptr @conversion(ptr %lambda)
  store ptr %made, ptr %slot
  %loaded = load ptr, ptr %slot
  call void (ptr, ...) @__enzyme_autodiff(ptr %loaded, ptr %x, ptr %dx)
  ret void
}
