; The pre-AD simplification runs only on the functions differentiation reads (PreADScope): @f, which
; the entry-point call names, and @square, which @f calls. @caller, which makes the call, and
; @unrelated are left for the post-AD optimization (-O0 here: none), and get their attributes back:
; no optnone is left behind, and noinline stays only where the input had it.
; RUN: %swad-opt -O0 %s -S | FileCheck %s
; With the post-AD -O2 everything is simplified in the end.
; RUN: %swad-opt %s -S | FileCheck %s --check-prefix=O2

; CHECK-NOT:   optnone
; CHECK-LABEL: define double @f(
; CHECK-NOT:     alloca
; CHECK:         ret double
; CHECK-LABEL: define double @caller(
; CHECK-NEXT:    %slot = alloca double
; CHECK:       define double @unrelated(double %x) {{.*}}#[[KEPT:[0-9]+]] {
; CHECK-NEXT:    %slot = alloca double
; CHECK:       attributes #[[KEPT]] = { noinline }
; CHECK-NOT:   optnone

; O2-NOT:      alloca
; O2-NOT:      optnone

declare double @__enzyme_autodiff(ptr, ...)

define internal double @square(double %x) {
  %slot = alloca double
  store double %x, ptr %slot
  %v = load double, ptr %slot
  %r = fmul double %v, %v
  ret double %r
}

define double @f(double %x) {
  %slot = alloca double
  store double %x, ptr %slot
  %v = load double, ptr %slot
  %r = call double @square(double %v)
  ret double %r
}

define double @caller(double %x) {
  %slot = alloca double
  store double %x, ptr %slot
  %v = load double, ptr %slot
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %v)
  ret double %d
}

define double @unrelated(double %x) noinline {
  %slot = alloca double
  store double %x, ptr %slot
  %v = load double, ptr %slot
  ret double %v
}
