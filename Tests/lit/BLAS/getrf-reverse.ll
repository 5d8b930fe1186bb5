; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The adjoint of LAPACK's dgetrf_ (A = PLU in place): a guard for square matrices, then
; M = sl(LᵀL̄) + up(ŪUᵀ) (a strict-lower copy and a dtrmm with L unit, an upper copy and a dtrmm with U),
; Ā = P L⁻ᵀ M U⁻ᵀ (two dtrsms, the interchanges in reverse order), replacing the factors' adjoint.
; The factors and the pivots are read where the call left them (nothing writes them later).
@enzyme_dup = external global i32
@enzyme_const = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare void @dgetrf_(ptr, ptr, ptr, ptr, ptr, ptr)

define void @f(ptr %A, ptr %n, ptr %ipiv, ptr %info) {
entry:
  call void @dgetrf_(ptr %n, ptr %n, ptr %A, ptr %n, ptr %ipiv, ptr %info)
  ret void
}

define void @caller(ptr %A, ptr %dA, ptr %n, ptr %ipiv, ptr %info) {
entry:
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %A, ptr %dA, i32 %c, ptr %n, i32 %c, ptr %ipiv, i32 %c, ptr %info)
  ret void
}

; CHECK-LABEL: define internal void @augmented_f(
; CHECK-NOT: @malloc
; CHECK: call void @dgetrf_(ptr %n, ptr %n, ptr %A, ptr %n, ptr %ipiv, ptr %info)

; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: call void @swad.blas.require_square(i32 [[M:%[0-9a-z.]+]], i32 [[N:%[0-9a-z.]+]], ptr @swad.blas.message
; CHECK: [[W:%[0-9a-z.]+]] = call ptr @calloc(
; CHECK: call double @swad.blas.d.axpy_matrix(i32 102, i32 2, i32 122, i32 [[N]], i32 [[N]], double 1.000000e+00, ptr [[DA:%[0-9a-z.]+]], i32 [[LDA:%[0-9a-z.]+]], ptr [[W]], i32 [[LD:%[0-9a-z.]+]])
; CHECK: call void @cblas_dtrmm(i32 102, i32 141, i32 122, i32 112, i32 132, i32 [[N]], i32 [[N]], double 1.000000e+00, ptr %A, i32 [[LDA]], ptr [[W]], i32 [[LD]])
; CHECK: [[U:%[0-9a-z.]+]] = call ptr @calloc(
; CHECK: call void @cblas_dtrmm(i32 102, i32 142, i32 121, i32 112, i32 131, i32 [[N]], i32 [[N]], double 1.000000e+00, ptr %A, i32 [[LDA]], ptr [[U]], i32 [[LD]])
; CHECK: call void @cblas_dtrsm(i32 102, i32 141, i32 122, i32 112, i32 132, i32 [[N]], i32 [[N]], double 1.000000e+00, ptr %A, i32 [[LDA]], ptr [[W]], i32 [[LD]])
; CHECK: call void @cblas_dtrsm(i32 102, i32 142, i32 121, i32 112, i32 131, i32 [[N]], i32 [[N]], double 1.000000e+00, ptr %A, i32 [[LDA]], ptr [[W]], i32 [[LD]])
; CHECK: call void @swad.blas.d.swap_rows(i32 102, i32 [[N]], ptr [[W]], i32 [[LD]], ptr %ipiv, i32 [[N]], i32 1)
; CHECK: call double @swad.blas.d.axpy_matrix(i32 102, i32 0, i32 121, i32 [[N]], i32 [[N]], double 1.000000e+00, ptr [[W]], i32 [[LD]], ptr [[DA]], i32 [[LDA]])
; CHECK: ret void

; CHECK-LABEL: define internal void @swad.blas.require_square(
; CHECK: call i64 @write(i32 2,
; CHECK: call void @abort()

; CHECK-LABEL: define internal void @swad.blas.d.swap_rows(
; CHECK: call void @cblas_dswap(
