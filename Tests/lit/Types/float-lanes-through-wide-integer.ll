; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; The upper half of a <4 x double> taken through a wider integer (`<2 x i128>`, one lane of it made
; a <2 x double> again), as the pre-AD simplification writes a leapfrog step on AVX vectors at
; -O2 -march=native: a shuffle of the doubles, so the derivative follows them. Through the i128 the
; values were refused as floats carried by integers. A single lane becomes an extractelement.

declare double @__enzyme_fwddiff(ptr, ...)
@enzyme_dup = external global i32

define double @upper(ptr %x) {
  %v = load <4 x double>, ptr %x, align 32
  %bc = bitcast <4 x double> %v to <2 x i128>
  %hi = extractelement <2 x i128> %bc, i64 1
  %pair = bitcast i128 %hi to <2 x double>
  %a = extractelement <2 x double> %pair, i64 0
  %b = extractelement <2 x double> %pair, i64 1
  %wide = bitcast <4 x double> %v to <4 x i64>
  %lane = extractelement <4 x i64> %wide, i64 0
  %c = bitcast i64 %lane to double
  %ab = fmul double %a, %b
  %r = fadd double %ab, %c
  ret double %r
}

define double @df(ptr %x, ptr %dx) {
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @upper, ptr @enzyme_dup, ptr %x, ptr %dx)
  ret double %t
}

; CHECK-LABEL: define double @upper(
; CHECK:       %v = load <4 x double>, ptr %x, align 32
; CHECK-NEXT:  [[PAIR:%[0-9]+]] = shufflevector <4 x double> %v, <4 x double> poison, <2 x i32> <i32 2, i32 3>
; CHECK:       %a = extractelement <2 x double> [[PAIR]], i64 0
; CHECK:       [[C:%[0-9]+]] = extractelement <4 x double> %v, i32 0
; CHECK:       fadd double %ab, [[C]]

; The tangent shuffles the shadow's lanes the same way.
; CHECK-LABEL: define internal {{.*}} @fwddiffeupper(
; CHECK:       shufflevector <4 x double> %"'v", <4 x double> zeroinitializer, <2 x i32> <i32 2, i32 3>
