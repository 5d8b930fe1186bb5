; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; sincos writes sin x and cos x through its pointers, llvm.sincos returns them as a pair: split
; into sin and cos (Rules/CombinedMathCalls.swift), each gets its rule, so x gains cos x times the
; adjoint of sin x and −sin x times that of cos x. It was refused: no body and no rule.

declare void @sincos(double, ptr, ptr)
declare { float, float } @llvm.sincos.f32(float)
declare double @__enzyme_autodiff(ptr, ...)
declare float @__enzyme_autodifff(ptr, ...)

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

define double @gradient_libm(double %x) {
entry:
  %t = call double (ptr, ...) @__enzyme_autodiff(ptr @libm_sincos, double %x)
  ret double %t
}

define float @gradient_intrinsic(float %x) {
entry:
  %t = call float (ptr, ...) @__enzyme_autodifff(ptr @intrinsic_sincos, float %x)
  ret float %t
}



; CHECK-LABEL: define internal { double } @diffe_reverse_libm_sincos(
; CHECK: store double 0.000000e+00, ptr {{%[0-9]+}}
; CHECK-NEXT: [[DCOS:%[0-9]+]] = load double, ptr %dcos
; CHECK-NEXT: store double -0.000000e+00, ptr %dcos
; CHECK-NEXT: [[SIN:%[0-9]+]] = call double @llvm.sin.f64(double %x)
; CHECK-NEXT: [[NEG:%[0-9]+]] = fneg double [[SIN]]
; CHECK-NEXT: [[TERM1:%[0-9]+]] = fmul contract double [[NEG]], [[DCOS]]
; CHECK: fadd reassoc nsz contract double {{%[0-9]+}}, [[TERM1]]
; CHECK: store double 0.000000e+00, ptr {{%[0-9]+}}
; CHECK-NEXT: [[DSIN:%[0-9]+]] = load double, ptr %dsin
; CHECK-NEXT: store double -0.000000e+00, ptr %dsin
; CHECK-NEXT: [[COS:%[0-9]+]] = call double @llvm.cos.f64(double %x)
; CHECK-NEXT: [[TERM2:%[0-9]+]] = fmul contract double [[COS]], [[DSIN]]
; CHECK: fadd reassoc nsz contract double {{%[0-9]+}}, [[TERM2]]
; CHECK-NOT: @sincos

; CHECK-LABEL: define internal { float } @diffe_reverse_intrinsic_sincos(
; CHECK: [[S:%[0-9]+]] = call float @llvm.sin.f32(float %x)
; CHECK-NEXT: [[N:%[0-9]+]] = fneg float [[S]]
; CHECK-NEXT: fmul contract float [[N]], {{%[0-9]+}}
; CHECK: [[C:%[0-9]+]] = call float @llvm.cos.f32(float %x)
; CHECK-NEXT: fmul contract float [[C]], {{%[0-9]+}}
