; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A switch is copied with its cases; each case's tangent flows to the join phi.

declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x, i32 %k) {
entry:
  switch i32 %k, label %other [
    i32 0, label %zero
    i32 1, label %one
  ]

zero:
  %a = fmul double %x, %x
  br label %join

one:
  %b = fadd double %x, 3.000000e+00
  br label %join

other:
  br label %join

join:
  %r = phi double [ %a, %zero ], [ %b, %one ], [ 2.000000e+00, %other ]
  ret double %r
}

define double @caller(double %x, double %dx, i32 %k) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx, i32 %k)
  ret double %t
}

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], i32 [[K:%.*]])
; CHECK: switch i32 [[K]], label %other [
; CHECK-NEXT: i32 0, label %zero
; CHECK-NEXT: i32 1, label %one
; CHECK-NEXT: ]
; CHECK-DAG: [[A:%.*]] = fmul double [[X]], [[X]]
; CHECK-DAG: [[DA:%.*]] = fadd contract double {{%.*}}, {{%.*}}
; CHECK-DAG: [[B:%.*]] = fadd double [[X]], 3.000000e+00
; CHECK: join:
; CHECK: [[R:%.*]] = phi double [ [[A]], %zero ], [ [[B]], %one ], [ 2.000000e+00, %other ]
; CHECK: [[DR:%.*]] = phi double [ [[DA]], %zero ], [ [[DX]], %one ], [ 0.000000e+00, %other ]
; CHECK: [[P:%.*]] = insertvalue { double, double } poison, double [[R]], 0
; CHECK: insertvalue { double, double } [[P]], double [[DR]], 1
