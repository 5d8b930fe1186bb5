; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; RUN: sed 's/extractelement <4 x i64> %bits, i64 2/extractelement <4 x i64> %moved, i64 2/' %s | not %swad-opt - --pre-passes '' -O0 -o /dev/null 2>&1 | FileCheck %s --check-prefix=REFUSED
; The optimizer merges the loads of a struct's fields into one <4 x double> load when most are
; doubles (Eigen's AVX expression evaluators: a scalar factor, then the data pointer) and takes the
; pointer out through the integers. Through the doubles the pointer lost its shadow and the loads
; through it were constant: Eigen's exp() under -march=haswell had a gradient of 0 without an
; error. The lane is loaded again as a pointer (Types/PointerLanes.swift), and the tangent follows
; it. A pointer made otherwise from a varied double vector's bits is refused.

declare double @__enzyme_fwddiff(ptr, ...)
@enzyme_dup = external global i32

; { double scale, double unused, ptr data, double unused }: scale · data[0].
define double @scaled(ptr %evaluator) {
  %fields = load <4 x double>, ptr %evaluator, align 8
  %scale = extractelement <4 x double> %fields, i64 0
  %bits = bitcast <4 x double> %fields to <4 x i64>
  %moved = shufflevector <4 x i64> %bits, <4 x i64> poison, <4 x i32> <i32 0, i32 1, i32 2, i32 3>
  %address = extractelement <4 x i64> %bits, i64 2
  %data = inttoptr i64 %address to ptr
  %x = load double, ptr %data, align 8
  %r = fmul double %scale, %x
  ret double %r
}

define double @caller(ptr %e, ptr %de) {
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @scaled, ptr @enzyme_dup, ptr %e, ptr %de)
  ret double %t
}

; CHECK-LABEL: define double @scaled(
; CHECK:       [[FIELD:%[0-9]+]] = getelementptr i8, ptr %evaluator, i64 16
; CHECK:       [[DATA:%[0-9]+]] = load ptr, ptr [[FIELD]], align 8
; CHECK:       %fields = load <4 x double>, ptr %evaluator
; CHECK:       load double, ptr [[DATA]]
; The tangent reads x's shadow through the data pointer's shadow, loaded from the evaluator's.
; CHECK-LABEL: define internal {{.*}} @fwddiffescaled(
; CHECK:       [[SFIELD:%.*]] = getelementptr i8, ptr %"'evaluator", i64 16
; CHECK:       [[SDATA:%.*]] = load ptr, ptr [[SFIELD]]
; CHECK:       load double, ptr [[SDATA]]
; CHECK:       ret
; REFUSED: error: in function 'scaled': a floating-point value ('fields') is reinterpreted as an integer here, and the integer reaches a conversion to a pointer
