; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The adjoint of cblas_dgbmv (column-major, transposed, kl = 1, ku = 2): Ā += α xȳᵀ on the band only,
; from contiguous copies of x and ȳ (swad.blas.d.ger_band: an axpy per column of the band, no dense
; scratch), x̄ += αAȳ (a dgbmv with the transpose flipped), ȳ := βȳ.
@enzyme_dup = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare void @cblas_dgbmv(i32, i32, i32, i32, i32, i32, double, ptr, i32, ptr, i32, double, ptr, i32)

define void @f(ptr %A, ptr %x, ptr %y, i32 %m, i32 %n) {
entry:
  call void @cblas_dgbmv(i32 102, i32 112, i32 %m, i32 %n, i32 1, i32 2, double 3.0, ptr %A, i32 4, ptr %x, i32 1, double 0.5, ptr %y, i32 1)
  ret void
}

define void @caller(ptr %A, ptr %dA, ptr %x, ptr %dx, ptr %y, ptr %dy, i32 %m, i32 %n) {
entry:
  %d = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %A, ptr %dA, i32 %d, ptr %x, ptr %dx, i32 %d, ptr %y, ptr %dy, i32 %m, i32 %n)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: [[U:%[0-9a-z.]+]] = call ptr @malloc(
; CHECK: [[V:%[0-9a-z.]+]] = call ptr @malloc(
; CHECK: call void @cblas_dcopy(i32 %m, ptr %x, i32 1, ptr [[U]], i32 1)
; CHECK: call void @cblas_dcopy(i32 %n, ptr [[DY:%[0-9a-z.]+]], i32 1, ptr [[V]], i32 1)
; CHECK: call void @swad.blas.d.ger_band(i32 102, i32 %m, i32 %n, i32 1, i32 2, double 3.000000e+00, ptr [[U]], ptr [[V]], ptr {{%[0-9a-z.]+}}, i32 4)
; CHECK: call void @cblas_dgbmv(i32 102, i32 111, i32 %m, i32 %n, i32 1, i32 2, double 3.000000e+00, ptr %A, i32 4, ptr [[DY]], i32 1, double 1.000000e+00, ptr {{%[0-9a-z.]+}}, i32 1)
; CHECK: call void @cblas_dscal(i32 %n, double 5.000000e-01, ptr [[DY]], i32 1)
; CHECK: call void @free(ptr [[U]])
; CHECK: call void @free(ptr [[V]])
; CHECK: ret void

; CHECK-LABEL: define internal void @swad.blas.d.ger_band(
; CHECK: call void @cblas_daxpy(
; CHECK: ret void
