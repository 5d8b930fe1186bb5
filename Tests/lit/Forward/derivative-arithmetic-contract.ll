; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; A tangent's arithmetic carries `contract` (Support/DerivativeArithmetic.swift), so that code
; generation may fuse a partial's product with the sum it feeds where the target has FMA; the
; primal's own `fmul` keeps no flags.

declare double @__enzyme_fwddiff(ptr, ...)
declare double @llvm.fmuladd.f64(double, double, double)

define double @g(double %a) {
entry:
  %p = fmul double %a, %a
  %s = call double @llvm.fmuladd.f64(double %a, double %p, double %a)
  ret double %s
}

define double @forward(double %a, double %da) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @g, double %a, double %da)
  ret double %t
}

; ṗ = a·ȧ + a·ȧ; ṡ = p·ȧ + a·ṗ + ȧ.
; CHECK-LABEL: define internal { double, double } @fwddiffeg(
; CHECK-SAME: double %a, double %"'a")
; CHECK-NEXT: entry:
; CHECK-NEXT: %p = fmul double %a, %a
; CHECK-NEXT: [[T1:%.*]] = fmul contract double %a, %"'a"
; CHECK-NEXT: [[T2:%.*]] = fmul contract double %a, %"'a"
; CHECK-NEXT: [[DP:%.*]] = fadd contract double [[T1]], [[T2]]
; CHECK-NEXT: %s = call double @llvm.fmuladd.f64(double %a, double %p, double %a)
; CHECK-NEXT: [[T3:%.*]] = fmul contract double %p, %"'a"
; CHECK-NEXT: [[T4:%.*]] = fmul contract double %a, [[DP]]
; CHECK-NEXT: [[T5:%.*]] = fadd contract double [[T3]], [[T4]]
; CHECK-NEXT: [[DS:%.*]] = fadd contract double [[T5]], %"'a"
