; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The tangent of fptrunc is the truncated tangent.

declare float @__enzyme_fwddiff_d(ptr, double, double)

define float @f(double %x) {
entry:
  %t = fptrunc double %x to float
  %r = fmul float %t, %t
  ret float %r
}

define float @caller(double %x, double %dx) {
entry:
  %t = call float @__enzyme_fwddiff_d(ptr @f, double %x, double %dx)
  ret float %t
}

; CHECK-LABEL: define float @caller(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]])
; CHECK: [[PAIR:%.*]] = call { float, float } @fwddiffef(double [[X]], double [[DX]])
; CHECK: [[T:%.*]] = extractvalue { float, float } [[PAIR]], 1
; CHECK: ret float [[T]]

; CHECK-LABEL: define internal { float, float } @fwddiffef(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]])
; CHECK: [[T:%.*]] = fptrunc double [[X]] to float
; CHECK: [[DT:%.*]] = fptrunc double [[DX]] to float
; CHECK: [[R:%.*]] = fmul float [[T]], [[T]]
; CHECK: [[A:%.*]] = fmul contract float [[T]], [[DT]]
; CHECK: [[B:%.*]] = fmul contract float [[T]], [[DT]]
; CHECK: [[DR:%.*]] = fadd contract float [[A]], [[B]]
; CHECK: [[P:%.*]] = insertvalue { float, float } poison, float [[R]], 0
; CHECK: insertvalue { float, float } [[P]], float [[DR]], 1
