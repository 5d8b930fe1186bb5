; x86's packed maximum and minimum intrinsics (`_mm_max_pd`, `_mm_min_ps`, `_mm256_max_pd`) have
; rules (Rules/RuleTable.swift, `x86Vector`): the derivative follows the lane returned, `a > b ? a : b`
; (`<` for the minimum). Before, a call was an error telling the user to define the intrinsic.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; The reverse sweep meets the minimum first.
; CHECK-LABEL: define internal { <2 x double>, <2 x double> } @diffe_reverse_packed(
; CHECK: fcmp olt <2 x double>
; CHECK: select <2 x i1>
; CHECK: fcmp ogt <2 x double> %a, %b
; CHECK: select <2 x i1>

; CHECK-LABEL: define internal { <4 x double>, <4 x double> } @fwddiffewide(
; CHECK: fcmp ogt <4 x double> %a, %b
; CHECK: fcmp olt <8 x float>

declare <2 x double> @llvm.x86.sse2.max.pd(<2 x double>, <2 x double>)
declare <2 x double> @llvm.x86.sse2.min.pd(<2 x double>, <2 x double>)
declare <4 x double> @llvm.x86.avx.max.pd.256(<4 x double>, <4 x double>)
declare <8 x float> @llvm.x86.avx.min.ps.256(<8 x float>, <8 x float>)
declare { <2 x double>, <2 x double> } @__enzyme_autodiff(ptr, ...)
declare { <4 x double>, <4 x double> } @__enzyme_fwddiff(ptr, ...)

define double @packed(<2 x double> %a, <2 x double> %b) {
  %hi = call <2 x double> @llvm.x86.sse2.max.pd(<2 x double> %a, <2 x double> %b)
  %sq = fmul <2 x double> %a, %a
  %lo = call <2 x double> @llvm.x86.sse2.min.pd(<2 x double> %hi, <2 x double> %sq)
  %l0 = extractelement <2 x double> %lo, i64 0
  %l1 = extractelement <2 x double> %lo, i64 1
  %r = fadd double %l0, %l1
  ret double %r
}

define <4 x double> @wide(<4 x double> %a, <4 x double> %b, <8 x float> %c) {
  %m = call <4 x double> @llvm.x86.avx.max.pd.256(<4 x double> %a, <4 x double> %b)
  %n = call <8 x float> @llvm.x86.avx.min.ps.256(<8 x float> %c, <8 x float> %c)
  %f = bitcast <8 x float> %n to <4 x double>
  %r = fadd <4 x double> %m, %m
  ret <4 x double> %r
}

define { <2 x double>, <2 x double> } @gradient(<2 x double> %a) {
  %r = call { <2 x double>, <2 x double> } (ptr, ...) @__enzyme_autodiff(ptr @packed, <2 x double> %a, <2 x double> <double 1.0, double -1.0>)
  ret { <2 x double>, <2 x double> } %r
}

define <4 x double> @tangent(<4 x double> %a, <4 x double> %da, <4 x double> %b, <8 x float> %c) {
  %r = call { <4 x double>, <4 x double> } (ptr, ...) @__enzyme_fwddiff(ptr @wide, <4 x double> %a, <4 x double> %da, <4 x double> %b, <4 x double> zeroinitializer, <8 x float> %c, <8 x float> zeroinitializer)
  %t = extractvalue { <4 x double>, <4 x double> } %r, 1
  ret <4 x double> %t
}
