; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A mutable global that holds active data gets an internal, zero-initialized shadow global; stores and
; loads of the global go to the shadow too.

@acc = global double 0.000000e+00, align 8
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x) {
entry:
  store double %x, ptr @acc, align 8
  %v = load double, ptr @acc, align 8
  %r = fmul double %v, %v
  ret double %r
}

define double @caller(double %x, double %dx) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx)
  ret double %t
}

; CHECK: @acc = global double 0.000000e+00
; CHECK: [[SHADOW:@swad.shadow.acc]] = internal global double 0.000000e+00

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]])
; CHECK: store double [[X]], ptr @acc, align 8
; CHECK-NEXT: store double [[DX]], ptr [[SHADOW]], align 8
; CHECK-NEXT: [[V:%.*]] = load double, ptr @acc, align 8
; CHECK-NEXT: [[DV:%.*]] = load double, ptr [[SHADOW]], align 8
