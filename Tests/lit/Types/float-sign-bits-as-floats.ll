; Unoptimized Eigen takes a packet's absolute value on its bits (`_mm_and_pd` with a mask that
; clears the sign, the packet loaded as <2 x i64>); through the integers the derivative was lost
; without an error (`cwiseAbs()`, `lpNorm<1>()` at -O0). A sign cleared or flipped on a vector's
; bits that are read back as floats becomes `llvm.fabs` or `fneg` of the floats
; (FloatCarriers.signOperationsAsFloats), and the loads become loads of doubles. A mask that
; clears other bits stays as it is.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define double @absolute(
; CHECK: [[V:%[0-9]+]] = load <2 x double>, ptr %x
; CHECK: call <2 x double> @llvm.fabs.v2f64(<2 x double> [[V]])
; CHECK-LABEL: define double @negated(
; CHECK: [[W:%[0-9]+]] = load <2 x double>, ptr %x
; CHECK: fneg <2 x double> [[W]]
; CHECK-LABEL: define double @exponent(
; CHECK: and <2 x i64> {{%.*}}, splat (i64 9218868437227405312)
; The derivative of |x0| + |x1| is the signs.
; CHECK-LABEL: define internal {{.*}} @diffe_reverse_absolute(
; CHECK: call <2 x double> @llvm.copysign.v2f64(<2 x double> splat (double 1.000000e+00)
; CHECK: ret

declare double @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32
@enzyme_const = external global i32

define double @absolute(ptr %x) {
  %bits = load <2 x i64>, ptr %x, align 16
  %clear = and <2 x i64> %bits, <i64 9223372036854775807, i64 9223372036854775807>
  %v = bitcast <2 x i64> %clear to <2 x double>
  %a = extractelement <2 x double> %v, i64 0
  %b = extractelement <2 x double> %v, i64 1
  %s = fadd double %a, %b
  ret double %s
}

define double @negated(ptr %x) {
  %bits = load <2 x i64>, ptr %x, align 16
  %flip = xor <2 x i64> %bits, <i64 -9223372036854775808, i64 -9223372036854775808>
  %v = bitcast <2 x i64> %flip to <2 x double>
  %a = extractelement <2 x double> %v, i64 0
  ret double %a
}

; Only the exponent bits: not a sign operation (no derivative goes through; x is constant).
define double @exponent(ptr %x) {
  %bits = load <2 x i64>, ptr %x, align 16
  %e = and <2 x i64> %bits, <i64 9218868437227405312, i64 9218868437227405312>
  %v = bitcast <2 x i64> %e to <2 x double>
  %a = extractelement <2 x double> %v, i64 0
  ret double %a
}

define void @df(ptr %x, ptr %dx) {
  %a = call double (ptr, ...) @__enzyme_autodiff(ptr @absolute, ptr @enzyme_dup, ptr %x, ptr %dx)
  %b = call double (ptr, ...) @__enzyme_autodiff(ptr @negated, ptr @enzyme_dup, ptr %x, ptr %dx)
  %c = call double (ptr, ...) @__enzyme_autodiff(ptr @exponent, ptr @enzyme_const, ptr %x)
  ret void
}
