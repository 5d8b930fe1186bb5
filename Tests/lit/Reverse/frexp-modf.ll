; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Reverse mode of functions that also write through a pointer: the adjoint of the value written
; (frexp's exponent, modf's integral part) ends at the call, where the shadow is cleared; of the pair
; llvm.modf returns, only the fraction's adjoint reaches x.

declare double @frexp(double, ptr)
declare double @modf(double, ptr)
declare { double, double } @llvm.modf.f64(double)
declare void @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_autodiff_d(ptr, ...)

; *out = frexp(x, e) and *i = trunc(x) (modf): d*out/dx = m / x, d*i/dx = 0.
define void @libm(double %x, ptr %e, ptr %i, ptr %out) {
entry:
  %m = call double @frexp(double %x, ptr %e)
  %f = call double @modf(double %m, ptr %i)
  store double %f, ptr %out
  ret void
}

define double @intrinsic_modf(double %x) {
entry:
  %p = call { double, double } @llvm.modf.f64(double %x)
  %f = extractvalue { double, double } %p, 0
  %i = extractvalue { double, double } %p, 1
  %s = fadd double %f, %i
  ret double %s
}

define void @caller(double %x, ptr %e, ptr %de, ptr %i, ptr %di, ptr %o, ptr %do) {
entry:
  call void (ptr, ...) @__enzyme_autodiff(ptr @libm, double %x, ptr %e, ptr %de, ptr %i, ptr %di, ptr %o, ptr %do)
  %d = call double (ptr, ...) @__enzyme_autodiff_d(ptr @intrinsic_modf, double %x)
  ret void
}

; CHECK-LABEL: define internal { double } @diffe_reverse_libm(
; The reverse of the store: *out's adjoint goes to f, and *out's shadow is cleared.
; CHECK: store double 0.000000e+00, ptr [[DOUT:%.*]], align 8
; The reverse of modf clears the integral part's shadow; the fraction passes its adjoint on to m.
; CHECK: [[DI:%.*]] = load ptr, ptr
; CHECK-NEXT: store double 0.000000e+00, ptr [[DI]]
; The reverse of frexp clears the exponent's shadow and scales by m / x.
; CHECK: [[DE:%.*]] = load ptr, ptr
; CHECK-NEXT: store i32 0, ptr [[DE]]
; CHECK: [[DM:%.*]] = load double, ptr %dm
; CHECK: [[M:%.*]] = load double, ptr
; CHECK-NEXT: [[ZERO:%.*]] = fcmp oeq double %x, 0.000000e+00
; CHECK-NEXT: [[Q:%.*]] = fdiv double [[M]], %x
; CHECK-NEXT: [[P:%.*]] = select i1 [[ZERO]], double 1.000000e+00, double [[Q]]
; CHECK-NEXT: fmul contract double [[P]], [[DM]]

; The adjoint of the pair is { df, 0 }: only the fraction's reaches x.
; CHECK-LABEL: define internal { double } @diffe_reverse_intrinsic_modf(
; CHECK: store double {{%.*}}, ptr %df
; CHECK: [[DF:%.*]] = load double, ptr %df
; CHECK-NEXT: store double -0.000000e+00, ptr %df
; CHECK-NEXT: insertvalue { double, double } zeroinitializer, double [[DF]], 0
; CHECK: store { double, double } { double -0.000000e+00, double -0.000000e+00 }, ptr %dp
; CHECK-NEXT: [[DFX:%.*]] = extractvalue { double, double } {{%.*}}, 0
; CHECK-NEXT: [[DX:%.*]] = load double, ptr %dx
; CHECK-NEXT: fadd reassoc nsz contract double [[DX]], [[DFX]]
