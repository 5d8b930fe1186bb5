; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Without a marker, an integer argument is constant: no tangent follows it, and the next double
; argument is the next parameter.

declare double @__enzyme_fwddiff(ptr, ...)

define double @f(i64 %n, double %x) {
entry:
  %c = sitofp i64 %n to double
  %r = fmul double %c, %x
  ret double %r
}

define double @caller(i64 %n, double %x, double %dx) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, i64 %n, double %x, double %dx)
  ret double %t
}

; CHECK-LABEL: define double @caller(
; CHECK-SAME: i64 [[N:%.*]], double [[X:%.*]], double [[DX:%.*]])
; CHECK: call { double, double } @fwddiffef(i64 [[N]], double [[X]], double [[DX]])

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: i64 [[N:%.*]], double [[X:%.*]], double [[DX:%.*]])
; CHECK: [[C:%.*]] = sitofp i64 [[N]] to double
; CHECK: fmul contract double [[C]], [[DX]]
