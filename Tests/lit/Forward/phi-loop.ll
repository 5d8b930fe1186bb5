; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A loop-carried phi gets a tangent phi with the same predecessors: x^n by repeated multiplication.

declare double @__enzyme_fwddiff(ptr, ...)

define double @power(double %x, i32 %n) {
entry:
  br label %loop

loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi double [ 1.000000e+00, %entry ], [ %acc.next, %loop ]
  %acc.next = fmul double %acc, %x
  %i.next = add i32 %i, 1
  %done = icmp sge i32 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret double %acc.next
}

define double @caller(double %x, double %dx, i32 %n) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @power, double %x, double %dx, i32 %n)
  ret double %t
}

; CHECK-LABEL: define internal { double, double } @fwddiffepower(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], i32 [[N:%.*]])
; CHECK: entry:
; CHECK-NEXT: br label %loop
; CHECK: loop:
; CHECK: [[ACC:%.*]] = phi double [ 1.000000e+00, %entry ], [ [[NEXT:%.*]], %loop ]
; CHECK: [[DACC:%.*]] = phi double [ 0.000000e+00, %entry ], [ [[DNEXT:%.*]], %loop ]
; CHECK: [[NEXT]] = fmul double [[ACC]], [[X]]
; CHECK: [[A:%.*]] = fmul contract double [[X]], [[DACC]]
; CHECK: [[B:%.*]] = fmul contract double [[ACC]], [[DX]]
; CHECK: [[DNEXT]] = fadd contract double [[A]], [[B]]
; CHECK: br i1 {{%.*}}, label %exit, label %loop
; CHECK: exit:
; CHECK: [[P:%.*]] = insertvalue { double, double } poison, double [[NEXT]], 0
; CHECK: insertvalue { double, double } [[P]], double [[DNEXT]], 1
