; Eigen's SSE code flips the sign of some lanes of a packet with an integer `xor` whose mask
; differs per lane ({0x8000…, 0}: a quaternion's conjugate, `Matrix4d::inverse()`'s cofactors),
; and clears it likewise with `and`. Through the integers the derivative was refused. A mask whose
; every lane either changes the sign or keeps the float becomes a shuffle of the floats and their
; `fneg` (or `fabs`); a bit cast of a float's bits is the float itself, not a cast of the cast
; (FloatCarriers.signOperationsAsFloats). A lane mask that touches other bits stays as it is.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define <2 x double> @flipSecond(
; CHECK: [[N:%[0-9]+]] = fneg <2 x double> %v
; CHECK: shufflevector <2 x double> %v, <2 x double> [[N]], <2 x i32> <i32 0, i32 3>
; CHECK-NOT: xor
; CHECK: ret
; CHECK-LABEL: define double @clearFirst(
; CHECK: [[V:%[0-9]+]] = load <2 x double>, ptr %x
; CHECK: [[A:%[0-9]+]] = call <2 x double> @llvm.fabs.v2f64(<2 x double> [[V]])
; CHECK: shufflevector <2 x double> [[V]], <2 x double> [[A]], <2 x i32> <i32 2, i32 1>
; CHECK-LABEL: define double @mixedMask(
; CHECK: xor <2 x i64> {{%.*}}, <i64 -9223372036854775808, i64 1>
; The derivative of flipSecond's lanes: the seed of the second lane comes back negated.
; CHECK-LABEL: define internal {{.*}} @fwddiffeflipSecond(
; CHECK: [[DN:%[0-9]+]] = fneg <2 x double> %"'v"
; CHECK: %"'r" = shufflevector <2 x double> %"'v", <2 x double> [[DN]], <2 x i32> <i32 0, i32 3>

declare double @__enzyme_autodiff(ptr, ...)
declare <2 x double> @__enzyme_fwddiff(ptr, ...)
@enzyme_dup = external global i32
@enzyme_const = external global i32

define <2 x double> @flipSecond(<2 x double> %v) {
  %bits = bitcast <2 x double> %v to <2 x i64>
  %flip = xor <2 x i64> %bits, <i64 0, i64 -9223372036854775808>
  %r = bitcast <2 x i64> %flip to <2 x double>
  ret <2 x double> %r
}

define double @clearFirst(ptr %x) {
  %bits = load <2 x i64>, ptr %x, align 16
  %clear = and <2 x i64> %bits, <i64 9223372036854775807, i64 -1>
  %v = bitcast <2 x i64> %clear to <2 x double>
  %a = extractelement <2 x double> %v, i64 0
  %b = extractelement <2 x double> %v, i64 1
  %s = fmul double %a, %b
  ret double %s
}

; The second lane's mask flips its lowest bit: not a sign operation.
define double @mixedMask(ptr %x) {
  %bits = load <2 x i64>, ptr %x, align 16
  %flip = xor <2 x i64> %bits, <i64 -9223372036854775808, i64 1>
  %v = bitcast <2 x i64> %flip to <2 x double>
  %a = extractelement <2 x double> %v, i64 0
  ret double %a
}

define void @df(<2 x double> %v, <2 x double> %dv, ptr %x, ptr %dx) {
  %f = call <2 x double> (ptr, ...) @__enzyme_fwddiff(ptr @flipSecond, <2 x double> %v, <2 x double> %dv)
  %b = call double (ptr, ...) @__enzyme_autodiff(ptr @clearFirst, ptr @enzyme_dup, ptr %x, ptr %dx)
  %c = call double (ptr, ...) @__enzyme_autodiff(ptr @mixedMask, ptr @enzyme_const, ptr %x)
  ret void
}
