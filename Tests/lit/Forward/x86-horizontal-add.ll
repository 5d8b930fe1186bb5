; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; x86's horizontal add (Eigen's packet reductions with AVX): hadd.pd.256(a, b) is
; [a0+a1, b0+b1, a2+a3, b2+b3], linear, so its tangent is hadd of the tangents lane by lane.

declare <4 x double> @llvm.x86.avx.hadd.pd.256(<4 x double>, <4 x double>)
declare <4 x double> @__enzyme_fwddiff(ptr, ...)

define <4 x double> @hadd(<4 x double> %a, <4 x double> %b) {
entry:
  %r = call <4 x double> @llvm.x86.avx.hadd.pd.256(<4 x double> %a, <4 x double> %b)
  ret <4 x double> %r
}

define void @caller(<4 x double> %a, <4 x double> %da, <4 x double> %b, <4 x double> %db) {
entry:
  %t = call <4 x double> (ptr, ...) @__enzyme_fwddiff(ptr @hadd, <4 x double> %a, <4 x double> %da, <4 x double> %b, <4 x double> %db)
  ret void
}

; CHECK-LABEL: define internal { <4 x double>, <4 x double> } @fwddiffehadd(
; CHECK-SAME: <4 x double> [[A:%.*]], <4 x double> [[DA:%.*]], <4 x double> [[B:%.*]], <4 x double> [[DB:%.*]])
; CHECK-DAG:  [[DA0:%.*]] = extractelement <4 x double> [[DA]], i32 0
; CHECK-DAG:  [[DA1:%.*]] = extractelement <4 x double> [[DA]], i32 1
; CHECK-DAG:  [[DA2:%.*]] = extractelement <4 x double> [[DA]], i32 2
; CHECK-DAG:  [[DA3:%.*]] = extractelement <4 x double> [[DA]], i32 3
; CHECK-DAG:  [[DB0:%.*]] = extractelement <4 x double> [[DB]], i32 0
; CHECK-DAG:  [[DB1:%.*]] = extractelement <4 x double> [[DB]], i32 1
; CHECK-DAG:  [[DB2:%.*]] = extractelement <4 x double> [[DB]], i32 2
; CHECK-DAG:  [[DB3:%.*]] = extractelement <4 x double> [[DB]], i32 3
; CHECK:      [[L0:%.*]] = fadd contract double [[DA0]], [[DA1]]
; CHECK-NEXT: [[L1:%.*]] = fadd contract double [[DB0]], [[DB1]]
; CHECK-NEXT: [[L2:%.*]] = fadd contract double [[DA2]], [[DA3]]
; CHECK-NEXT: [[L3:%.*]] = fadd contract double [[DB2]], [[DB3]]
; CHECK-NEXT: [[V0:%.*]] = insertelement <4 x double> poison, double [[L0]], i32 0
; CHECK-NEXT: [[V1:%.*]] = insertelement <4 x double> [[V0]], double [[L1]], i32 1
; CHECK-NEXT: [[V2:%.*]] = insertelement <4 x double> [[V1]], double [[L2]], i32 2
; CHECK-NEXT: insertelement <4 x double> [[V2]], double [[L3]], i32 3
