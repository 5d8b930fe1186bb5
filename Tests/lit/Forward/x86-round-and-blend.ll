; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; SSE4.1/AVX packed rounding (`_mm256_round_pd`: Eigen's AVX floor behind its vectorized exp) is
; piecewise constant: no tangent. blendv(a, b, mask) takes b where the mask lane's sign bit is set
; (`_mm256_blendv_pd`: Eigen's AVX pselect); a comparison's all-ones lane is a NaN, so the sign is
; read with copysign. Both were refused as calls without a body or a rule.

declare <4 x double> @__enzyme_fwddiff(ptr, ...)
declare <4 x double> @llvm.x86.avx.round.pd.256(<4 x double>, i32)
declare <4 x double> @llvm.x86.avx.blendv.pd.256(<4 x double>, <4 x double>, <4 x double>)

; x - floor(x)
define <4 x double> @fraction(<4 x double> %x) {
  %f = call <4 x double> @llvm.x86.avx.round.pd.256(<4 x double> %x, i32 1)
  %r = fsub <4 x double> %x, %f
  ret <4 x double> %r
}

; x < y ? y : x, by a mask
define <4 x double> @larger(<4 x double> %x, <4 x double> %y) {
  %less = fcmp olt <4 x double> %x, %y
  %ones = sext <4 x i1> %less to <4 x i64>
  %mask = bitcast <4 x i64> %ones to <4 x double>
  %r = call <4 x double> @llvm.x86.avx.blendv.pd.256(<4 x double> %x, <4 x double> %y, <4 x double> %mask)
  ret <4 x double> %r
}

define void @caller(<4 x double> %x, <4 x double> %dx, <4 x double> %y, <4 x double> %dy) {
  %t = call <4 x double> (ptr, ...) @__enzyme_fwddiff(ptr @fraction, <4 x double> %x, <4 x double> %dx)
  %u = call <4 x double> (ptr, ...) @__enzyme_fwddiff(ptr @larger, <4 x double> %x, <4 x double> %dx, <4 x double> %y, <4 x double> %dy)
  ret void
}

; The tangent of x - floor(x) is ẋ.
; CHECK-LABEL: define internal {{.*}} @fwddiffefraction(
; CHECK:       %r = fsub <4 x double> %x, %f
; CHECK-NEXT:  [[T:%.*]] = fadd contract <4 x double> %"'x", splat (double -0.000000e+00)
; CHECK-NEXT:  insertvalue {{.*}} %r, 0
; CHECK-NEXT:  insertvalue {{.*}} [[T]], 1

; CHECK-LABEL: define internal {{.*}} @fwddiffelarger(
; CHECK:       [[SIGN:%.*]] = call <4 x double> @llvm.copysign.v4f64(<4 x double> splat (double 1.000000e+00), <4 x double> %mask)
; CHECK:       [[SET:%.*]] = fcmp olt <4 x double> [[SIGN]], zeroinitializer
; CHECK:       [[PA:%.*]] = select <4 x i1> [[SET]], <4 x double> zeroinitializer, <4 x double> splat (double 1.000000e+00)
; CHECK:       fmul contract <4 x double> [[PA]], %"'x"
; CHECK:       [[SET2:%.*]] = fcmp olt <4 x double> [[SIGN]], zeroinitializer
; CHECK:       [[PB:%.*]] = select <4 x i1> [[SET2]], <4 x double> splat (double 1.000000e+00), <4 x double> zeroinitializer
; CHECK:       fmul contract <4 x double> [[PB]], %"'y"
; CHECK:       ret
