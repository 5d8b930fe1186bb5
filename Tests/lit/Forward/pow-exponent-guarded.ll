; pow's exponent partial, pow(x, y)·ln x, is NaN at a negative base: its term is 0 where the
; exponent's tangent is 0 (`guarded` in Rules/RuleTable.swift), so that an exponent with a zero
; tangent leaves the derivative through the base finite. The reverse sweep guards the adjoint the
; same way (Runtime/Forward/pow-negative-base.c runs both).
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK: %[[LOG:[0-9]+]] = call double @llvm.log.f64(double %x)
; CHECK: %[[TERM:[0-9]+]] = fmul contract double %{{[0-9]+}}, %"'y"
; CHECK-NEXT: %[[STILL:[0-9]+]] = fcmp oeq double %"'y", 0.000000e+00
; CHECK-NEXT: %[[GUARDED:[0-9]+]] = select i1 %[[STILL]], double 0.000000e+00, double %[[TERM]]
; CHECK-NEXT: fadd contract double %{{[0-9]+}}, %[[GUARDED]]

declare double @pow(double, double)

define double @f(double %x, double %y) {
  %r = call double @pow(double %x, double %y)
  ret double %r
}

declare double @__enzyme_fwddiff(ptr, ...)

define double @tangent(double %x, double %dx, double %y, double %dy) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx, double %y, double %dy)
  ret double %r
}
