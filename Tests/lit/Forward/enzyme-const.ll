; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; enzyme_const: the argument is passed without a tangent, and the derivative has no tangent parameter
; for it, for a double and for a pointer.

@enzyme_const = external global i32
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x, double %c, ptr %p) {
entry:
  %v = load double, ptr %p, align 8
  %a = fmul double %x, %c
  %r = fmul double %a, %v
  ret double %r
}

define double @caller(double %x, double %dx, double %c, ptr %p) {
entry:
  %k = load i32, ptr @enzyme_const
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx, i32 %k, double %c, i32 %k, ptr %p)
  ret double %t
}

; CHECK-LABEL: define double @caller(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], double [[C:%.*]], ptr [[P:%.*]])
; CHECK: call { double, double } @fwddiffef(double [[X]], double [[DX]], double [[C]], ptr [[P]])

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], double [[C:%.*]], ptr [[P:%.*]])
; CHECK: [[V:%.*]] = load double, ptr [[P]], align 8
; CHECK-NEXT: [[A:%.*]] = fmul double [[X]], [[C]]
; CHECK-NEXT: [[DA:%.*]] = fmul contract double [[C]], [[DX]]
; CHECK-NEXT: [[R:%.*]] = fmul double [[A]], [[V]]
; CHECK-NEXT: [[DR:%.*]] = fmul contract double [[V]], [[DA]]
; CHECK-NEXT: [[PR:%.*]] = insertvalue { double, double } poison, double [[R]], 0
; CHECK-NEXT: insertvalue { double, double } [[PR]], double [[DR]], 1
