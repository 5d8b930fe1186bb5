; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The adjoint of cblas_dsymm (side Left, upper): Ā gets the triangle of α(C̄Bᵀ + BC̄ᵀ) with its
; diagonal halved (a dsyr2k into zeroed scratch, a dscal, a triangle axpy), B̄ += αAC̄ (a dsymm),
; C̄ := βC̄ (beta = 0).
@enzyme_dup = external global i32
@enzyme_const = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare void @__enzyme_fwddiff(ptr, ...)
declare void @cblas_dsymm(i32, i32, i32, i32, i32, double, ptr, i32, ptr, i32, double, ptr, i32)

define void @f(ptr %A, ptr %B, ptr %C, i32 %m, i32 %n) {
entry:
  call void @cblas_dsymm(i32 102, i32 141, i32 121, i32 %m, i32 %n, double 2.0, ptr %A, i32 %m, ptr %B, i32 %m, double 0.0, ptr %C, i32 %m)
  ret void
}

define void @caller(ptr %A, ptr %dA, ptr %B, ptr %dB, ptr %C, ptr %dC, i32 %m, i32 %n) {
entry:
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %A, ptr %dA, i32 %d, ptr %B, ptr %dB, i32 %d, ptr %C, ptr %dC, i32 %m, i32 %n)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: [[S:%[0-9a-z.]+]] = call ptr @calloc(
; CHECK: call void @cblas_dsyr2k(i32 102, i32 121, i32 111, i32 %m, i32 %n, double 2.000000e+00, ptr [[DC:%[0-9a-z.]+]], i32 %m, ptr %B, i32 %m, double 0.000000e+00, ptr [[S]], i32 [[LD:%[0-9a-z.]+]])
; CHECK: call void @cblas_dscal(i32 %m, double 5.000000e-01, ptr [[S]], i32
; CHECK: call double @swad.blas.d.axpy_matrix(i32 102, i32 1, i32 121, i32 %m, i32 %m, double 1.000000e+00, ptr [[S]], i32 [[LD]], ptr {{%[0-9a-z.]+}}, i32 %m)
; CHECK: call void @cblas_dsymm(i32 102, i32 141, i32 121, i32 %m, i32 %n, double 2.000000e+00, ptr %A, i32 %m, ptr [[DC]], i32 %m, double 1.000000e+00, ptr {{%[0-9a-z.]+}}, i32 %m)
; CHECK: call double @swad.blas.d.scale_matrix(i32 102, i32 0, i32 121, i32 %m, i32 %n, double 0.000000e+00, ptr [[DC]], i32 %m,
; CHECK: call void @free(ptr [[S]])
; CHECK: ret void
