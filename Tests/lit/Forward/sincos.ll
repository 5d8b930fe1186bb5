; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; sincos writes sin x and cos x through its pointers, llvm.sincos returns them as a pair: split
; into sin and cos (Rules/CombinedMathCalls.swift), each gets its rule, so the tangents written are
; cos x · dx and −sin x · dx. It was refused: no body and no rule.

declare void @sincos(double, ptr, ptr)
declare { float, float } @llvm.sincos.f32(float)
declare double @__enzyme_fwddiff(ptr, ...)
declare float @__enzyme_fwddifff(ptr, ...)

define double @libm_sincos(double %x) {
entry:
  %s = alloca double, align 8
  %c = alloca double, align 8
  call void @sincos(double %x, ptr %s, ptr %c)
  %sv = load double, ptr %s, align 8
  %cv = load double, ptr %c, align 8
  %r = fmul double %sv, %cv
  ret double %r
}

define float @intrinsic_sincos(float %x) {
entry:
  %p = call { float, float } @llvm.sincos.f32(float %x)
  %sv = extractvalue { float, float } %p, 0
  %cv = extractvalue { float, float } %p, 1
  %r = fsub float %sv, %cv
  ret float %r
}

define double @tangent_libm(double %x) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @libm_sincos, double %x, double 1.0)
  ret double %t
}

define float @tangent_intrinsic(float %x) {
entry:
  %t = call float (ptr, ...) @__enzyme_fwddifff(ptr @intrinsic_sincos, float %x, float 1.0)
  ret float %t
}

; CHECK-LABEL: define internal { double, double } @fwddiffelibm_sincos(
; CHECK: %sin = call double @sin(double %x)
; CHECK-NEXT: [[COS:%[0-9]+]] = call double @llvm.cos.f64(double %x)
; CHECK-NEXT: [[DSIN:%[0-9]+]] = fmul contract double [[COS]], %"'x"
; CHECK-NEXT: store double %sin, ptr %s, align 8
; CHECK-NEXT: store double [[DSIN]], ptr %"'s", align 8
; CHECK-NEXT: %cos = call double @cos(double %x)
; CHECK-NEXT: [[SIN:%[0-9]+]] = call double @llvm.sin.f64(double %x)
; CHECK-NEXT: [[NEG:%[0-9]+]] = fneg double [[SIN]]
; CHECK-NEXT: [[DCOS:%[0-9]+]] = fmul contract double [[NEG]], %"'x"
; CHECK-NEXT: store double %cos, ptr %c, align 8
; CHECK-NEXT: store double [[DCOS]], ptr %"'c", align 8
; CHECK-NOT: @sincos

; CHECK-LABEL: define internal { float, float } @fwddiffeintrinsic_sincos(
; CHECK: [[C:%[0-9]+]] = call float @llvm.cos.f32(float %x)
; CHECK-NEXT: [[DS:%[0-9]+]] = fmul contract float [[C]], %"'x"
; CHECK: insertvalue { float, float } zeroinitializer, float [[DS]], 0
; CHECK: [[S:%[0-9]+]] = call float @llvm.sin.f32(float %x)
; CHECK-NEXT: [[N:%[0-9]+]] = fneg float [[S]]
; CHECK-NEXT: [[DC:%[0-9]+]] = fmul contract float [[N]], %"'x"
; CHECK: insertvalue { float, float } {{%[0-9]+}}, float [[DC]], 1
