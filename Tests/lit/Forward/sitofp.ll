; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; sitofp of an integer has a zero tangent: only the active operand contributes to the product's tangent.

declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x, i32 %n) {
entry:
  %c = sitofp i32 %n to double
  %r = fmul double %x, %c
  ret double %r
}

define double @caller(double %x, double %dx, i32 %n) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx, i32 %n)
  ret double %t
}

; The integer gets no tangent parameter.
; CHECK-LABEL: define double @caller(
; CHECK: call { double, double } @fwddiffef(double %x, double %dx, i32 %n)

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], i32 [[N:%.*]])
; CHECK: [[C:%.*]] = sitofp i32 [[N]] to double
; CHECK-NOT: sitofp
; CHECK: [[R:%.*]] = fmul double [[X]], [[C]]
; CHECK-NEXT: [[DR:%.*]] = fmul contract double [[C]], [[DX]]
; CHECK-NEXT: [[P:%.*]] = insertvalue { double, double } poison, double [[R]], 0
; CHECK-NEXT: insertvalue { double, double } [[P]], double [[DR]], 1
