; --print-activity pins activity analysis apart from the emitters: values that depend on an active
; input and reach the active result are active; an integer loop counter, a computation from a
; constant argument, and a varied value that reaches no output are not.
; RUN: %swad-opt %s --pre-passes '' --print-activity | FileCheck %s

declare double @llvm.sin.f64(double)

define double @f(double %x, double %c, i64 %n) {
entry:
  %dead = fmul double %x, 3.0
  %k = fmul double %c, %c
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %acc = phi double [ 0.0, %entry ], [ %sum, %loop ]
  %s = call double @llvm.sin.f64(double %x)
  %t = fmul double %s, %k
  %sum = fadd double %acc, %t
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret double %sum
}

@enzyme_const = external global i32
declare double @__enzyme_autodiff(ptr, ...)

define double @caller(double %x, double %c) {
entry:
  %m = load i32, ptr @enzyme_const
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, i32 %m, double %c, i64 10)
  ret double %d
}

; CHECK-LABEL: activity of @f (reverse; active, constant, constant):
; CHECK-NEXT:    active:   double %x
; CHECK-NEXT:    inactive: double %c
; CHECK-NEXT:    inactive: i64 %n
; CHECK-NEXT:    varied:   %dead = fmul double %x, 3.000000e+00
; CHECK-NEXT:    inactive: %k = fmul double %c, %c
; CHECK-NEXT:    inactive: %i = phi i64
; CHECK-NEXT:    active:   %acc = phi double
; CHECK-NEXT:    active:   %s = call double @llvm.sin.f64(double %x)
; CHECK-NEXT:    active:   %t = fmul double %s, %k
; CHECK-NEXT:    active:   %sum = fadd double %acc, %t
; CHECK-NEXT:    inactive: %next = add i64 %i, 1
; CHECK-NEXT:    inactive: %done = icmp eq i64 %next, %n
