; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Forward tangent of frem.

declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x, double %y) {
entry:
  %r = frem double %x, %y
  ret double %r
}

define double @caller(double %x, double %dx, double %y, double %dy) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx, double %y, double %dy)
  ret double %t
}

; CHECK-LABEL: define double @caller(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], double [[Y:%.*]], double [[DY:%.*]])
; CHECK: [[PAIR:%.*]] = call { double, double } @fwddiffef(double [[X]], double [[DX]], double [[Y]], double [[DY]])
; CHECK: [[T:%.*]] = extractvalue { double, double } [[PAIR]], 1
; CHECK: ret double [[T]]

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], double [[Y:%.*]], double [[DY:%.*]])
; frem(x, y) = x - y * trunc(x / y): d = dx - trunc(x / y) * dy
; CHECK: [[R:%.*]] = frem double [[X]], [[Y]]
; CHECK: [[Q0:%.*]] = fdiv double [[X]], [[Y]]
; CHECK: [[TR:%.*]] = call double @llvm.trunc.f64(double [[Q0]])
; CHECK: [[NTR:%.*]] = fneg double [[TR]]
; CHECK: [[B:%.*]] = fmul contract double [[NTR]], [[DY]]
; CHECK: [[DR:%.*]] = fadd contract double [[DX]], [[B]]
; CHECK: [[P:%.*]] = insertvalue { double, double } poison, double [[R]], 0
; CHECK: [[Q:%.*]] = insertvalue { double, double } [[P]], double [[DR]], 1
; CHECK: ret { double, double } [[Q]]
