; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; A float's exponent replaced on its bits, `(bits(x) & 0x800fffffffffffff) | bits(0.5)`, is x scaled
; by a power of two into [0.5, 1): the significand frexp returns, which Eigen's vectorized log takes
; (pfrexp) on the packet's integer bits. It becomes a call of swad.exponent.replaced (the same bit
; operations, inlined after differentiation) whose derivative is result / x, or 2^e·2^1022 below the
; smallest normal number, where the significand has no hidden bit. Through the integers it was
; refused. Without the sign in the mask the operand is |x|.

declare double @__enzyme_fwddiff(ptr, ...)
declare <4 x float> @__enzyme_fwddiff.v4(ptr, ...)

define double @significand(double %x) {
entry:
  %bits = bitcast double %x to i64
  %kept = and i64 %bits, -9218868437227405313
  %half = or disjoint i64 %kept, 4602678819172646912
  %m = bitcast i64 %half to double
  ret double %m
}

define <4 x float> @unsigned_lanes(<4 x float> %x) {
entry:
  %bits = bitcast <4 x float> %x to <4 x i32>
  %kept = and <4 x i32> %bits, splat (i32 8388607)
  %one = or <4 x i32> splat (i32 1065353216), %kept
  %m = bitcast <4 x i32> %one to <4 x float>
  ret <4 x float> %m
}

define double @caller(double %x, double %dx, <4 x float> %v, <4 x float> %dv) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @significand, double %x, double %dx)
  %u = call <4 x float> (ptr, ...) @__enzyme_fwddiff.v4(ptr @unsigned_lanes, <4 x float> %v, <4 x float> %dv)
  ret double %t
}

; CHECK-LABEL: define double @significand(
; CHECK:       %m = call double @swad.exponent.replaced.f64(double %x, double 5.000000e-01)
; CHECK-LABEL: define <4 x float> @unsigned_lanes(
; CHECK:       [[ABS:%.*]] = call <4 x float> @llvm.fabs.v4f32(<4 x float> %x)
; CHECK:       %m = call <4 x float> @swad.exponent.replaced.f32.v4(<4 x float> [[ABS]], <4 x float> splat (float 1.000000e+00))

; The function itself: the bit operations.
; CHECK-LABEL: define internal double @swad.exponent.replaced.f64(
; CHECK:       and i64 {{%.*}}, -9218868437227405313
; CHECK:       or i64
; CHECK:       bitcast i64 {{%.*}} to double

; CHECK-LABEL: define internal {{.*}} @fwddiffesignificand(
; CHECK:       %m = call double @swad.exponent.replaced.f64(double %x, double 5.000000e-01)
; CHECK:       [[A:%.*]] = call double @llvm.fabs.f64(double %x)
; CHECK:       [[SMALL:%.*]] = fcmp olt double [[A]], 0x10000000000000
; CHECK:       [[Q:%.*]] = fdiv double %m, %x
; CHECK:       select i1 [[SMALL]], double 0x7FC0000000000000, double [[Q]]
; CHECK:       ret

