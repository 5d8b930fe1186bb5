; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; A musttail call in a differentiated function: the derivative puts tape records between the call and
; the return, so its copy is an ordinary tail call (the primal keeps musttail).
declare void @__enzyme_autodiff(ptr, ...)

define double @h(ptr %p, double %x) noinline {
  ret double %x
}

define double @f(ptr %out, double %x) {
  %y = fmul double %x, %x
  store double %y, ptr %out
  %r = musttail call double @h(ptr null, double 1.0)
  ret double %r
}

define void @caller(ptr %o, ptr %do) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %o, ptr %do, double 2.0)
  ret void
}

; CHECK-LABEL: define double @f(
; CHECK: musttail call double @h(
; CHECK-LABEL: define internal double @augmented_f(
; CHECK-NOT: musttail
; CHECK: tail call double @h(
; CHECK: ret double
