; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Eigen 3.4's pmadd for AVX packets under clang is inline assembly, `vfmadd231pd a, b, c` with c
; tied to the result: c + a·b. Its tangent is that of an fma: ȧ·b + a·ḃ + ċ.

declare <4 x double> @__enzyme_fwddiff(ptr, ...)

define <4 x double> @pmadd(<4 x double> %a, <4 x double> %b, <4 x double> %c) {
entry:
  %r = call <4 x double> asm "vfmadd231pd $1, $2, $0", "=x,x,x,0,~{dirflag},~{fpsr},~{flags}"(<4 x double> %a, <4 x double> %b, <4 x double> %c)
  ret <4 x double> %r
}

define void @caller(<4 x double> %a, <4 x double> %da, <4 x double> %b, <4 x double> %c, <4 x double> %dc) {
entry:
  %t = call <4 x double> (ptr, ...) @__enzyme_fwddiff(ptr @pmadd, <4 x double> %a, <4 x double> %da, <4 x double> %b, <4 x double> zeroinitializer, <4 x double> %c, <4 x double> %dc)
  ret void
}

; CHECK-LABEL: define internal { <4 x double>, <4 x double> } @fwddiffepmadd(
; CHECK-SAME: <4 x double> [[A:%.*]], <4 x double> [[DA:%.*]], <4 x double> [[B:%.*]], <4 x double> [[DB:%.*]], <4 x double> [[C:%.*]], <4 x double> [[DC:%.*]])
; CHECK:      [[R:%.*]] = call <4 x double> asm "vfmadd231pd $1, $2, $0", "=x,x,x,0,~{dirflag},~{fpsr},~{flags}"(<4 x double> [[A]], <4 x double> [[B]], <4 x double> [[C]])
; CHECK-NEXT: [[T0:%.*]] = fmul contract <4 x double> [[B]], [[DA]]
; CHECK-NEXT: [[T1:%.*]] = fmul contract <4 x double> [[A]], [[DB]]
; CHECK-NEXT: [[S:%.*]] = fadd contract <4 x double> [[T0]], [[T1]]
; CHECK-NEXT: fadd contract <4 x double> [[S]], [[DC]]
