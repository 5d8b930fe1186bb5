; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; fabs' = copysign(1, x): the sign bit decides (+1 at +0.0, -1 at -0.0, as in Enzyme), for the
; intrinsic and the libm spelling.

declare double @llvm.fabs.f64(double)
declare float @fabsf(float)
declare double @__enzyme_fwddiff_d(ptr, double, double)
declare float @__enzyme_fwddiff_f(ptr, float, float)

define double @intrinsic_d(double %x) {
entry:
  %r = call double @llvm.fabs.f64(double %x)
  ret double %r
}

define float @libm_f(float %x) {
entry:
  %r = call float @fabsf(float %x)
  ret float %r
}

define double @caller_d(double %x, double %dx) {
entry:
  %t = call double @__enzyme_fwddiff_d(ptr @intrinsic_d, double %x, double %dx)
  ret double %t
}

define float @caller_f(float %x, float %dx) {
entry:
  %t = call float @__enzyme_fwddiff_f(ptr @libm_f, float %x, float %dx)
  ret float %t
}

; CHECK-LABEL: define double @caller_d(
; CHECK: call { double, double } @fwddiffeintrinsic_d(double %x, double %dx)
; CHECK-LABEL: define float @caller_f(
; CHECK: call { float, float } @fwddiffelibm_f(float %x, float %dx)

; CHECK-LABEL: define internal { double, double } @fwddiffeintrinsic_d(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]])
; CHECK: [[R:%.*]] = call double @llvm.fabs.f64(double [[X]])
; CHECK-NEXT: [[SIGN:%.*]] = call double @llvm.copysign.f64(double 1.000000e+00, double [[X]])
; CHECK-NEXT: [[DR:%.*]] = fmul contract double [[SIGN]], [[DX]]
; CHECK-NEXT: [[P:%.*]] = insertvalue { double, double } poison, double [[R]], 0
; CHECK-NEXT: insertvalue { double, double } [[P]], double [[DR]], 1

; CHECK-LABEL: define internal { float, float } @fwddiffelibm_f(
; CHECK-SAME: float [[X:%.*]], float [[DX:%.*]])
; CHECK: [[R:%.*]] = call float @fabsf(float [[X]])
; CHECK-NEXT: [[SIGN:%.*]] = call float @llvm.copysign.f32(float 1.000000e+00, float [[X]])
; CHECK-NEXT: [[DR:%.*]] = fmul contract float [[SIGN]], [[DX]]
; CHECK-NEXT: [[P:%.*]] = insertvalue { float, float } poison, float [[R]], 0
; CHECK-NEXT: insertvalue { float, float } [[P]], float [[DR]], 1
