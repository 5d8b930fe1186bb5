; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The SSE/AVX approximations of 1/sqrt(x) and 1/x on packed floats (`_mm_rsqrt_ps`, `_mm_rcp_ps`:
; Eigen's float sqrt and rsqrt under EIGEN_FAST_MATH, refined by a Newton step) were refused as
; calls without a body or a rule. Their partials are the exact functions' at the approximate result:
; -r^3/2 and -r^2.

declare <4 x float> @__enzyme_fwddiff(ptr, ...)
declare <4 x float> @llvm.x86.sse.rsqrt.ps(<4 x float>)
declare <8 x float> @llvm.x86.avx.rcp.ps.256(<8 x float>)

define <4 x float> @rsqrt(<4 x float> %x) {
  %r = call <4 x float> @llvm.x86.sse.rsqrt.ps(<4 x float> %x)
  ret <4 x float> %r
}

define <8 x float> @rcp(<8 x float> %x) {
  %r = call <8 x float> @llvm.x86.avx.rcp.ps.256(<8 x float> %x)
  ret <8 x float> %r
}

define void @caller(<4 x float> %x, <4 x float> %dx, <8 x float> %y, <8 x float> %dy) {
  %t = call <4 x float> (ptr, ...) @__enzyme_fwddiff(ptr @rsqrt, <4 x float> %x, <4 x float> %dx)
  %u = call <8 x float> (ptr, ...) @__enzyme_fwddiff(ptr @rcp, <8 x float> %y, <8 x float> %dy)
  ret void
}

; CHECK-LABEL: define internal {{.*}} @fwddiffersqrt(
; CHECK: %r = call <4 x float> @llvm.x86.sse.rsqrt.ps(<4 x float> %x)
; CHECK: fmul contract <4 x float> splat (float -5.000000e-01), %r
; CHECK: ret
; CHECK-LABEL: define internal {{.*}} @fwddiffercp(
; CHECK: %r = call <8 x float> @llvm.x86.avx.rcp.ps.256(<8 x float> %x)
; CHECK: fmul contract <8 x float> %r, %r
; CHECK: ret
