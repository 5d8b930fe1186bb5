; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The adjoint of cblas_dsymv (y := αAx + βy, A symmetric, read from its upper triangle): Ā gets the
; triangle of α(ȳxᵀ + xȳᵀ) with its diagonal halved (a dsyr2 into zeroed scratch, a dscal with
; stride lda+1, a triangle axpy), x̄ += αAȳ (a dsymv), ȳ := βȳ; with beta = 0 and alpha a constant
; there is no scalar adjoint.
@enzyme_dup = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare void @cblas_dsymv(i32, i32, i32, double, ptr, i32, ptr, i32, double, ptr, i32)

define void @f(ptr %A, ptr %x, ptr %y, i32 %n) {
entry:
  call void @cblas_dsymv(i32 102, i32 121, i32 %n, double 3.0, ptr %A, i32 %n, ptr %x, i32 1, double 0.0, ptr %y, i32 1)
  ret void
}

define void @caller(ptr %A, ptr %dA, ptr %x, ptr %dx, ptr %y, ptr %dy, i32 %n) {
entry:
  %d = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %A, ptr %dA, i32 %d, ptr %x, ptr %dx, i32 %d, ptr %y, ptr %dy, i32 %n)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: [[S:%[0-9a-z.]+]] = call ptr @calloc(
; CHECK: call void @cblas_dsyr2(i32 102, i32 121, i32 %n, double 3.000000e+00, ptr [[DY:%[0-9a-z.]+]], i32 1, ptr %x, i32 1, ptr [[S]], i32 [[LD:%[0-9a-z.]+]])
; CHECK: call void @cblas_dscal(i32 %n, double 5.000000e-01, ptr [[S]], i32
; CHECK: call double @swad.blas.d.axpy_matrix(i32 102, i32 1, i32 121, i32 %n, i32 %n, double 1.000000e+00, ptr [[S]], i32 [[LD]], ptr {{%[0-9a-z.]+}}, i32 %n)
; CHECK: call void @cblas_dsymv(i32 102, i32 121, i32 %n, double 3.000000e+00, ptr %A, i32 %n, ptr [[DY]], i32 1, double 1.000000e+00, ptr {{%[0-9a-z.]+}}, i32 1)
; CHECK-NOT: @cblas_ddot
; CHECK: call void @cblas_dscal(i32 %n, double 0.000000e+00, ptr [[DY]], i32 1)
; CHECK: call void @free(ptr [[S]])
; CHECK: ret void
