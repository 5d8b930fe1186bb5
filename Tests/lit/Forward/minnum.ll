; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; llvm.minnum: the tangent of the operand that the primal returns (x on ties).

declare double @llvm.minnum.f64(double, double)
declare double @__enzyme_fwddiff(ptr, ...)

define double @lo(double %x, double %y) {
entry:
  %r = call double @llvm.minnum.f64(double %x, double %y)
  ret double %r
}

define double @caller(double %x, double %dx, double %y, double %dy) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @lo, double %x, double %dx, double %y, double %dy)
  ret double %t
}

; CHECK-LABEL: define double @caller(
; CHECK: call { double, double } @fwddiffelo(double %x, double %dx, double %y, double %dy)

; CHECK-LABEL: define internal { double, double } @fwddiffelo(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], double [[Y:%.*]], double [[DY:%.*]])
; CHECK: [[R:%.*]] = call double @llvm.minnum.f64(double [[X]], double [[Y]])
; CHECK-NEXT: [[CX:%.*]] = fcmp ole double [[X]], [[Y]]
; CHECK-NEXT: [[PX:%.*]] = select i1 [[CX]], double 1.000000e+00, double 0.000000e+00
; CHECK-NEXT: [[TX:%.*]] = fmul contract double [[PX]], [[DX]]
; CHECK-NEXT: [[CY:%.*]] = fcmp ole double [[X]], [[Y]]
; CHECK-NEXT: [[PY:%.*]] = select i1 [[CY]], double 0.000000e+00, double 1.000000e+00
; CHECK-NEXT: [[TY:%.*]] = fmul contract double [[PY]], [[DY]]
; CHECK-NEXT: [[DR:%.*]] = fadd contract double [[TX]], [[TY]]
; CHECK-NEXT: [[P:%.*]] = insertvalue { double, double } poison, double [[R]], 0
; CHECK-NEXT: insertvalue { double, double } [[P]], double [[DR]], 1
