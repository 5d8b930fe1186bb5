; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Functions that also write through a pointer: frexp's exponent (an integer) and modf's integral
; part have derivative zero, so their shadows get zero; llvm.frexp and llvm.modf return a pair whose
; first element carries the derivative (frexp: m / x, 1 at x = 0; modf: 1).

declare double @frexp(double, ptr)
declare double @modf(double, ptr)
declare { double, i32 } @llvm.frexp.f64.i32(double)
declare { double, double } @llvm.modf.f64(double)
declare double @llvm.ldexp.f64.i32(double, i32)
declare double @__enzyme_fwddiff(ptr, ...)

define double @libm_frexp(double %x, ptr %e) {
entry:
  %m = call double @frexp(double %x, ptr %e)
  ret double %m
}

define double @libm_modf(double %x, ptr %i) {
entry:
  %f = call double @modf(double %x, ptr %i)
  ret double %f
}

define double @intrinsic_frexp(double %x) {
entry:
  %p = call { double, i32 } @llvm.frexp.f64.i32(double %x)
  %m = extractvalue { double, i32 } %p, 0
  ret double %m
}

define double @intrinsic_modf(double %x) {
entry:
  %p = call { double, double } @llvm.modf.f64(double %x)
  %f = extractvalue { double, double } %p, 0
  %i = extractvalue { double, double } %p, 1
  %s = fadd double %f, %i
  ret double %s
}

define double @intrinsic_ldexp(double %x, i32 %n) {
entry:
  %r = call double @llvm.ldexp.f64.i32(double %x, i32 %n)
  ret double %r
}

define void @caller(double %x, double %dx, ptr %p, ptr %dp, i32 %n) {
entry:
  %a = call double (ptr, ...) @__enzyme_fwddiff(ptr @libm_frexp, double %x, double %dx, ptr %p, ptr %dp)
  %b = call double (ptr, ...) @__enzyme_fwddiff(ptr @libm_modf, double %x, double %dx, ptr %p, ptr %dp)
  %c = call double (ptr, ...) @__enzyme_fwddiff(ptr @intrinsic_frexp, double %x, double %dx)
  %d = call double (ptr, ...) @__enzyme_fwddiff(ptr @intrinsic_modf, double %x, double %dx)
  %e = call double (ptr, ...) @__enzyme_fwddiff(ptr @intrinsic_ldexp, double %x, double %dx, i32 %n)
  ret void
}

; CHECK-LABEL: define internal {{.*}} @fwddiffelibm_frexp(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], ptr [[E:%.*]], ptr [[DE:%.*]])
; CHECK: [[M:%.*]] = call double @frexp(double [[X]], ptr [[E]])
; CHECK: [[ZERO:%.*]] = fcmp oeq double [[X]], 0.000000e+00
; CHECK: [[Q:%.*]] = fdiv double [[M]], [[X]]
; CHECK: [[P:%.*]] = select i1 [[ZERO]], double 1.000000e+00, double [[Q]]
; CHECK: fmul contract double [[P]], [[DX]]
; CHECK: store i32 0, ptr [[DE]]

; CHECK-LABEL: define internal {{.*}} @fwddiffelibm_modf(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], ptr [[I:%.*]], ptr [[DI:%.*]])
; CHECK: call double @modf(double [[X]], ptr [[I]])
; CHECK: store double 0.000000e+00, ptr [[DI]]
; CHECK: insertvalue {{.*}} double [[DX]], 1

; CHECK-LABEL: define internal {{.*}} @fwddiffeintrinsic_frexp(
; CHECK: [[P:%.*]] = call { double, i32 } @llvm.frexp.f64.i32(double [[X:%.*]])
; CHECK: [[M:%.*]] = extractvalue { double, i32 } [[P]], 0
; CHECK: fdiv double [[M]], [[X]]
; CHECK: [[T:%.*]] = fmul contract double
; CHECK: insertvalue { double, i32 } zeroinitializer, double [[T]], 0

; CHECK-LABEL: define internal {{.*}} @fwddiffeintrinsic_modf(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]])
; CHECK: call { double, double } @llvm.modf.f64(double [[X]])
; CHECK: insertvalue { double, double } zeroinitializer, double [[DX]], 0

; CHECK-LABEL: define internal {{.*}} @fwddiffeintrinsic_ldexp(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], i32 [[N:%.*]])
; CHECK: [[F:%.*]] = sitofp i32 [[N]] to double
; CHECK: [[S:%.*]] = call double @llvm.exp2.f64(double [[F]])
; CHECK: fmul contract double [[S]], [[DX]]
