; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Calls of sqrt: the libm spellings (sqrt, sqrtf) and the intrinsic spellings (llvm.sqrt.f64, llvm.sqrt.f32)
; all get the rule's tangent.

declare double @sqrt(double)
declare float @sqrtf(float)
declare double @llvm.sqrt.f64(double)
declare float @llvm.sqrt.f32(float)
declare double @__enzyme_fwddiff_d(ptr, double, double)
declare float @__enzyme_fwddiff_f(ptr, float, float)

define double @libm_d(double %x) {
entry:
  %r = call double @sqrt(double %x)
  ret double %r
}

define float @libm_f(float %x) {
entry:
  %r = call float @sqrtf(float %x)
  ret float %r
}

define double @intrinsic_d(double %x) {
entry:
  %r = call double @llvm.sqrt.f64(double %x)
  ret double %r
}

define float @intrinsic_f(float %x) {
entry:
  %r = call float @llvm.sqrt.f32(float %x)
  ret float %r
}

define double @caller_d(double %x, double %dx) {
entry:
  %a = call double @__enzyme_fwddiff_d(ptr @libm_d, double %x, double %dx)
  %b = call double @__enzyme_fwddiff_d(ptr @intrinsic_d, double %x, double %dx)
  %s = fadd double %a, %b
  ret double %s
}

define float @caller_f(float %x, float %dx) {
entry:
  %a = call float @__enzyme_fwddiff_f(ptr @libm_f, float %x, float %dx)
  %b = call float @__enzyme_fwddiff_f(ptr @intrinsic_f, float %x, float %dx)
  %s = fadd float %a, %b
  ret float %s
}

; CHECK-LABEL: define double @caller_d(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]])
; CHECK: call { double, double } @fwddiffelibm_d(double [[X]], double [[DX]])
; CHECK: call { double, double } @fwddiffeintrinsic_d(double [[X]], double [[DX]])

; CHECK-LABEL: define float @caller_f(
; CHECK-SAME: float [[X:%.*]], float [[DX:%.*]])
; CHECK: call { float, float } @fwddiffelibm_f(float [[X]], float [[DX]])
; CHECK: call { float, float } @fwddiffeintrinsic_f(float [[X]], float [[DX]])

; sqrt' = 0.5/sqrt(x), taken as 0 at x = 0
; CHECK-LABEL: define internal { double, double } @fwddiffelibm_d(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]])
; CHECK: [[R:%.*]] = call double @sqrt(double [[X]])
; CHECK-NEXT: [[ZERO:%.*]] = fcmp oeq double [[X]], 0.000000e+00
; CHECK-NEXT: [[H:%.*]] = fdiv double 5.000000e-01, [[R]]
; CHECK-NEXT: [[D:%.*]] = select i1 [[ZERO]], double 0.000000e+00, double [[H]]
; CHECK-NEXT: [[DR:%.*]] = fmul contract double [[D]], [[DX]]
; CHECK-NEXT: [[P:%.*]] = insertvalue { double, double } poison, double [[R]], 0
; CHECK-NEXT: insertvalue { double, double } [[P]], double [[DR]], 1

; CHECK-LABEL: define internal { double, double } @fwddiffeintrinsic_d(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]])
; CHECK: [[R:%.*]] = call double @llvm.sqrt.f64(double [[X]])
; CHECK-NEXT: [[ZERO:%.*]] = fcmp oeq double [[X]], 0.000000e+00
; CHECK-NEXT: [[H:%.*]] = fdiv double 5.000000e-01, [[R]]
; CHECK-NEXT: [[D:%.*]] = select i1 [[ZERO]], double 0.000000e+00, double [[H]]
; CHECK-NEXT: [[DR:%.*]] = fmul contract double [[D]], [[DX]]
; CHECK-NEXT: [[P:%.*]] = insertvalue { double, double } poison, double [[R]], 0
; CHECK-NEXT: insertvalue { double, double } [[P]], double [[DR]], 1

; CHECK-LABEL: define internal { float, float } @fwddiffelibm_f(
; CHECK-SAME: float [[X:%.*]], float [[DX:%.*]])
; CHECK: [[R:%.*]] = call float @sqrtf(float [[X]])
; CHECK-NEXT: [[ZERO:%.*]] = fcmp oeq float [[X]], 0.000000e+00
; CHECK-NEXT: [[H:%.*]] = fdiv float 5.000000e-01, [[R]]
; CHECK-NEXT: [[D:%.*]] = select i1 [[ZERO]], float 0.000000e+00, float [[H]]
; CHECK-NEXT: [[DR:%.*]] = fmul contract float [[D]], [[DX]]
; CHECK-NEXT: [[P:%.*]] = insertvalue { float, float } poison, float [[R]], 0
; CHECK-NEXT: insertvalue { float, float } [[P]], float [[DR]], 1

; CHECK-LABEL: define internal { float, float } @fwddiffeintrinsic_f(
; CHECK-SAME: float [[X:%.*]], float [[DX:%.*]])
; CHECK: [[R:%.*]] = call float @llvm.sqrt.f32(float [[X]])
; CHECK-NEXT: [[ZERO:%.*]] = fcmp oeq float [[X]], 0.000000e+00
; CHECK-NEXT: [[H:%.*]] = fdiv float 5.000000e-01, [[R]]
; CHECK-NEXT: [[D:%.*]] = select i1 [[ZERO]], float 0.000000e+00, float [[H]]
; CHECK-NEXT: [[DR:%.*]] = fmul contract float [[D]], [[DX]]
; CHECK-NEXT: [[P:%.*]] = insertvalue { float, float } poison, float [[R]], 0
; CHECK-NEXT: insertvalue { float, float } [[P]], float [[DR]], 1
