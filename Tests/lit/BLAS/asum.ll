; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; cblas_dasum: the adjoint adds r̄ sign(xᵢ) to x̄ and the tangent is Σ sign(xᵢ)ẋᵢ, both by one loop
; (swad.blas.d.sign: BLAS has no elementwise sign) that takes sign as copysign(1, xᵢ), the sign bit
; deciding at ±0 as for fabs. x is read again by the reverse sweep, not copied (nothing writes it).
@enzyme_dup = external global i32
declare double @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)
declare double @cblas_dasum(i32, ptr, i32)

define double @f(ptr %x, i32 %n) {
entry:
  %r = call double @cblas_dasum(i32 %n, ptr %x, i32 2)
  %s = fmul double %r, %r
  ret double %s
}

define void @caller(ptr %x, ptr %dx, i32 %n) {
entry:
  %d = load i32, ptr @enzyme_dup
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %x, ptr %dx, i32 %n)
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %d, ptr %x, ptr %dx, i32 %n)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: call double @swad.blas.d.sign(i32 1, i32 %n, double %{{[0-9a-z.]+}}, ptr %x, ptr %{{[0-9a-z."']+}}, i32 2)
; CHECK: ret void

; CHECK-LABEL: define internal double @swad.blas.d.sign(
; CHECK: call double @llvm.copysign.f64(double 1.000000e+00, double
; CHECK: ret double

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK: %r = call double @cblas_dasum(i32 %n, ptr %x, i32 2)
; CHECK: call double @swad.blas.d.sign(i32 0, i32 %n, double 0.000000e+00, ptr %x, ptr %"'x", i32 2)
