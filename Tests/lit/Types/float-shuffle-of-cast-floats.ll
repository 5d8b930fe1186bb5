; A shuffle of a double vector's 32-bit halves that moves whole doubles, the halves cast from the
; doubles through another integer shape (<2 x i64>, then <4 x i32>): the shuffle becomes a shuffle of
; the doubles themselves (FloatCarriers.shufflesOfFloatsAsFloats), so the tangent follows. It was a
; shuffle of a cast of the integers, inactive: the tangent through it was lost without an error.
; A shuffle that splits the doubles is refused: FloatBits follows the bits through integer casts.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; RUN: sed 's/<i32 2, i32 3, i32 0, i32 1>/<i32 1, i32 2, i32 3, i32 0>/' %s | not %swad-opt - --pre-passes '' -O0 -o /dev/null 2>&1 | FileCheck %s --check-prefix=SPLIT

; (swap x) · x: the tangent is (swap ẋ) · x + (swap x) · ẋ.
; CHECK-LABEL: define internal {{.*}} @fwddiffeswapped(
; CHECK:       [[S:%[0-9]+]] = shufflevector <2 x double> %x, <2 x double> poison, <2 x i32> <i32 1, i32 0>
; CHECK:       [[DS:%[0-9]+]] = shufflevector <2 x double> %"'x", <2 x double> zeroinitializer, <2 x i32> <i32 1, i32 0>
; CHECK:       [[A:%[0-9]+]] = fmul contract <2 x double> %x, [[DS]]
; CHECK:       [[B:%[0-9]+]] = fmul contract <2 x double> [[S]], %"'x"
; CHECK:       fadd contract <2 x double> [[A]], [[B]]
; SPLIT: error: in function 'swapped': a floating-point value ('x') is reinterpreted as an integer here, and the integer reaches a conversion back to floating point

declare <2 x double> @__enzyme_fwddiff(ptr, ...)

define <2 x double> @swapped(<2 x double> %x) {
  %wide = bitcast <2 x double> %x to <2 x i64>
  %halves = bitcast <2 x i64> %wide to <4 x i32>
  %moved = shufflevector <4 x i32> %halves, <4 x i32> poison, <4 x i32> <i32 2, i32 3, i32 0, i32 1>
  %back = bitcast <4 x i32> %moved to <2 x double>
  %m = fmul <2 x double> %back, %x
  ret <2 x double> %m
}

define <2 x double> @caller(<2 x double> %x, <2 x double> %dx) {
  %t = call <2 x double> (ptr, ...) @__enzyme_fwddiff(ptr @swapped, <2 x double> %x, <2 x double> %dx)
  ret <2 x double> %t
}
