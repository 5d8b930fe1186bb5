; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Calls of pow: the libm spellings (pow, powf) and the intrinsic spellings (llvm.pow.f64,
; llvm.pow.f32) all get the rule's tangent y*pow(x, y-1)*dx + (x == 0 ? 0 : pow(x, y)*log(x))*dy,
; the second term 0 where dy is 0 (NaN · 0 at a negative base otherwise).

declare double @pow(double, double)
declare float @powf(float, float)
declare double @llvm.pow.f64(double, double)
declare float @llvm.pow.f32(float, float)
declare double @__enzyme_fwddiff_d(ptr, double, double, double, double)
declare float @__enzyme_fwddiff_f(ptr, float, float, float, float)

define double @libm_d(double %x, double %y) {
entry:
  %r = call double @pow(double %x, double %y)
  ret double %r
}

define float @libm_f(float %x, float %y) {
entry:
  %r = call float @powf(float %x, float %y)
  ret float %r
}

define double @intrinsic_d(double %x, double %y) {
entry:
  %r = call double @llvm.pow.f64(double %x, double %y)
  ret double %r
}

define float @intrinsic_f(float %x, float %y) {
entry:
  %r = call float @llvm.pow.f32(float %x, float %y)
  ret float %r
}

define double @caller_d(double %x, double %dx, double %y, double %dy) {
entry:
  %a = call double @__enzyme_fwddiff_d(ptr @libm_d, double %x, double %dx, double %y, double %dy)
  %b = call double @__enzyme_fwddiff_d(ptr @intrinsic_d, double %x, double %dx, double %y, double %dy)
  %s = fadd double %a, %b
  ret double %s
}

define float @caller_f(float %x, float %dx, float %y, float %dy) {
entry:
  %a = call float @__enzyme_fwddiff_f(ptr @libm_f, float %x, float %dx, float %y, float %dy)
  %b = call float @__enzyme_fwddiff_f(ptr @intrinsic_f, float %x, float %dx, float %y, float %dy)
  %s = fadd float %a, %b
  ret float %s
}

; CHECK-LABEL: define double @caller_d(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], double [[Y:%.*]], double [[DY:%.*]])
; CHECK: call { double, double } @fwddiffelibm_d(double [[X]], double [[DX]], double [[Y]], double [[DY]])
; CHECK: call { double, double } @fwddiffeintrinsic_d(double [[X]], double [[DX]], double [[Y]], double [[DY]])

; CHECK-LABEL: define float @caller_f(
; CHECK-SAME: float [[X:%.*]], float [[DX:%.*]], float [[Y:%.*]], float [[DY:%.*]])
; CHECK: call { float, float } @fwddiffelibm_f(float [[X]], float [[DX]], float [[Y]], float [[DY]])
; CHECK: call { float, float } @fwddiffeintrinsic_f(float [[X]], float [[DX]], float [[Y]], float [[DY]])

; CHECK-LABEL: define internal { double, double } @fwddiffelibm_d(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], double [[Y:%.*]], double [[DY:%.*]])
; CHECK: [[R:%.*]] = call double @pow(double [[X]], double [[Y]])
; CHECK-NEXT: [[YM1:%.*]] = fsub contract double [[Y]], 1.000000e+00
; CHECK-NEXT: [[PW:%.*]] = call double @llvm.pow.f64(double [[X]], double [[YM1]])
; CHECK-NEXT: [[DXP:%.*]] = fmul contract double [[Y]], [[PW]]
; CHECK-NEXT: [[TX:%.*]] = fmul contract double [[DXP]], [[DX]]
; CHECK-NEXT: [[ZERO:%.*]] = fcmp oeq double [[X]], 0.000000e+00
; CHECK-NEXT: [[LG:%.*]] = call double @llvm.log.f64(double [[X]])
; CHECK-NEXT: [[RL:%.*]] = fmul contract double [[R]], [[LG]]
; CHECK-NEXT: [[DYP:%.*]] = select i1 [[ZERO]], double 0.000000e+00, double [[RL]]
; CHECK-NEXT: [[TY:%.*]] = fmul contract double [[DYP]], [[DY]]
; CHECK-NEXT: [[STILL:%.*]] = fcmp oeq double [[DY]], 0.000000e+00
; CHECK-NEXT: [[GTY:%.*]] = select i1 [[STILL]], double 0.000000e+00, double [[TY]]
; CHECK-NEXT: [[DR:%.*]] = fadd contract double [[TX]], [[GTY]]
; CHECK-NEXT: [[P:%.*]] = insertvalue { double, double } poison, double [[R]], 0
; CHECK-NEXT: insertvalue { double, double } [[P]], double [[DR]], 1

; CHECK-LABEL: define internal { double, double } @fwddiffeintrinsic_d(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], double [[Y:%.*]], double [[DY:%.*]])
; CHECK: [[R:%.*]] = call double @llvm.pow.f64(double [[X]], double [[Y]])
; CHECK-NEXT: [[YM1:%.*]] = fsub contract double [[Y]], 1.000000e+00
; CHECK-NEXT: [[PW:%.*]] = call double @llvm.pow.f64(double [[X]], double [[YM1]])
; CHECK-NEXT: [[DXP:%.*]] = fmul contract double [[Y]], [[PW]]
; CHECK-NEXT: [[TX:%.*]] = fmul contract double [[DXP]], [[DX]]
; CHECK-NEXT: [[ZERO:%.*]] = fcmp oeq double [[X]], 0.000000e+00
; CHECK-NEXT: [[LG:%.*]] = call double @llvm.log.f64(double [[X]])
; CHECK-NEXT: [[RL:%.*]] = fmul contract double [[R]], [[LG]]
; CHECK-NEXT: [[DYP:%.*]] = select i1 [[ZERO]], double 0.000000e+00, double [[RL]]
; CHECK-NEXT: [[TY:%.*]] = fmul contract double [[DYP]], [[DY]]
; CHECK-NEXT: [[STILL:%.*]] = fcmp oeq double [[DY]], 0.000000e+00
; CHECK-NEXT: [[GTY:%.*]] = select i1 [[STILL]], double 0.000000e+00, double [[TY]]
; CHECK-NEXT: [[DR:%.*]] = fadd contract double [[TX]], [[GTY]]
; CHECK-NEXT: [[P:%.*]] = insertvalue { double, double } poison, double [[R]], 0
; CHECK-NEXT: insertvalue { double, double } [[P]], double [[DR]], 1

; CHECK-LABEL: define internal { float, float } @fwddiffelibm_f(
; CHECK-SAME: float [[X:%.*]], float [[DX:%.*]], float [[Y:%.*]], float [[DY:%.*]])
; CHECK: [[R:%.*]] = call float @powf(float [[X]], float [[Y]])
; CHECK-NEXT: [[YM1:%.*]] = fsub contract float [[Y]], 1.000000e+00
; CHECK-NEXT: [[PW:%.*]] = call float @llvm.pow.f32(float [[X]], float [[YM1]])
; CHECK-NEXT: [[DXP:%.*]] = fmul contract float [[Y]], [[PW]]
; CHECK-NEXT: [[TX:%.*]] = fmul contract float [[DXP]], [[DX]]
; CHECK-NEXT: [[ZERO:%.*]] = fcmp oeq float [[X]], 0.000000e+00
; CHECK-NEXT: [[LG:%.*]] = call float @llvm.log.f32(float [[X]])
; CHECK-NEXT: [[RL:%.*]] = fmul contract float [[R]], [[LG]]
; CHECK-NEXT: [[DYP:%.*]] = select i1 [[ZERO]], float 0.000000e+00, float [[RL]]
; CHECK-NEXT: [[TY:%.*]] = fmul contract float [[DYP]], [[DY]]
; CHECK-NEXT: [[STILL:%.*]] = fcmp oeq float [[DY]], 0.000000e+00
; CHECK-NEXT: [[GTY:%.*]] = select i1 [[STILL]], float 0.000000e+00, float [[TY]]
; CHECK-NEXT: [[DR:%.*]] = fadd contract float [[TX]], [[GTY]]
; CHECK-NEXT: [[P:%.*]] = insertvalue { float, float } poison, float [[R]], 0
; CHECK-NEXT: insertvalue { float, float } [[P]], float [[DR]], 1

; CHECK-LABEL: define internal { float, float } @fwddiffeintrinsic_f(
; CHECK-SAME: float [[X:%.*]], float [[DX:%.*]], float [[Y:%.*]], float [[DY:%.*]])
; CHECK: [[R:%.*]] = call float @llvm.pow.f32(float [[X]], float [[Y]])
; CHECK-NEXT: [[YM1:%.*]] = fsub contract float [[Y]], 1.000000e+00
; CHECK-NEXT: [[PW:%.*]] = call float @llvm.pow.f32(float [[X]], float [[YM1]])
; CHECK-NEXT: [[DXP:%.*]] = fmul contract float [[Y]], [[PW]]
; CHECK-NEXT: [[TX:%.*]] = fmul contract float [[DXP]], [[DX]]
; CHECK-NEXT: [[ZERO:%.*]] = fcmp oeq float [[X]], 0.000000e+00
; CHECK-NEXT: [[LG:%.*]] = call float @llvm.log.f32(float [[X]])
; CHECK-NEXT: [[RL:%.*]] = fmul contract float [[R]], [[LG]]
; CHECK-NEXT: [[DYP:%.*]] = select i1 [[ZERO]], float 0.000000e+00, float [[RL]]
; CHECK-NEXT: [[TY:%.*]] = fmul contract float [[DYP]], [[DY]]
; CHECK-NEXT: [[STILL:%.*]] = fcmp oeq float [[DY]], 0.000000e+00
; CHECK-NEXT: [[GTY:%.*]] = select i1 [[STILL]], float 0.000000e+00, float [[TY]]
; CHECK-NEXT: [[DR:%.*]] = fadd contract float [[TX]], [[GTY]]
; CHECK-NEXT: [[P:%.*]] = insertvalue { float, float } poison, float [[R]], 0
; CHECK-NEXT: insertvalue { float, float } [[P]], float [[DR]], 1
