; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The tangent of fpext is the extended tangent.

declare double @__enzyme_fwddiff_f(ptr, float, float)

define double @f(float %x) {
entry:
  %e = fpext float %x to double
  %r = fmul double %e, %e
  ret double %r
}

define double @caller(float %x, float %dx) {
entry:
  %t = call double @__enzyme_fwddiff_f(ptr @f, float %x, float %dx)
  ret double %t
}

; CHECK-LABEL: define double @caller(
; CHECK-SAME: float [[X:%.*]], float [[DX:%.*]])
; CHECK: [[PAIR:%.*]] = call { double, double } @fwddiffef(float [[X]], float [[DX]])
; CHECK: [[T:%.*]] = extractvalue { double, double } [[PAIR]], 1
; CHECK: ret double [[T]]

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: float [[X:%.*]], float [[DX:%.*]])
; CHECK: [[E:%.*]] = fpext float [[X]] to double
; CHECK: [[DE:%.*]] = fpext float [[DX]] to double
; CHECK: [[R:%.*]] = fmul double [[E]], [[E]]
; CHECK: [[A:%.*]] = fmul contract double [[E]], [[DE]]
; CHECK: [[B:%.*]] = fmul contract double [[E]], [[DE]]
; CHECK: [[DR:%.*]] = fadd contract double [[A]], [[B]]
; CHECK: [[P:%.*]] = insertvalue { double, double } poison, double [[R]], 0
; CHECK: insertvalue { double, double } [[P]], double [[DR]], 1
