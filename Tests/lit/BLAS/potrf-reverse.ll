; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; LAPACK's dpotrf_ (Fortran, column-major): A := L with A = LLᵀ. The adjoint, in BLAS: W := L̄ (the
; triangle), LᵀL̄ (a dtrmm), mirrored into the symmetric matrix its triangle stores, L⁻ᵀWL⁻¹ (two
; dtrsms), diagonal halved, and that triangle replaces L̄ in the shadow (the factor overwrote it). The
; factor is read where the call left it (nothing writes it later), and info is left alone.
@enzyme_dup = external global i32
@enzyme_const = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare void @__enzyme_fwddiff(ptr, ...)
declare void @dpotrf_(ptr, ptr, ptr, ptr, ptr, i64)
@L = private constant [2 x i8] c"L\00"

define void @f(ptr %A, ptr %n, ptr %info) {
entry:
  call void @dpotrf_(ptr @L, ptr %n, ptr %A, ptr %n, ptr %info, i64 1)
  ret void
}

define void @caller(ptr %A, ptr %dA, ptr %n, ptr %info) {
entry:
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %A, ptr %dA, i32 %c, ptr %n, i32 %c, ptr %info)
  ret void
}

; CHECK-LABEL: define internal void @augmented_f(
; CHECK-NOT: @malloc
; CHECK: call void @dpotrf_(ptr @L, ptr %n, ptr %A, ptr %n, ptr %info, i64 1)

; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: [[W:%[0-9a-z.]+]] = call ptr @calloc(
; CHECK: call double @swad.blas.d.axpy_matrix(i32 102, i32 1, i32 [[UPLO:%[0-9a-z.]+]], i32 [[N:%[0-9a-z.]+]], i32 [[N]], double 1.000000e+00, ptr [[DA:%[0-9a-z.]+]], i32 [[LDA:%[0-9a-z.]+]], ptr [[W]], i32 [[LD:%[0-9a-z.]+]])
; CHECK: call void @cblas_dtrmm(i32 102, i32 {{%[0-9a-z.]+}}, i32 [[UPLO]], i32 112, i32 131, i32 [[N]], i32 [[N]], double 1.000000e+00, ptr %A, i32 [[LDA]], ptr [[W]], i32 [[LD]])
; CHECK: call double @swad.blas.d.mirror_matrix(i32 102, i32 2, i32 [[UPLO]], i32 [[N]], i32 [[N]], double 0.000000e+00, ptr [[W]], i32 [[LD]], ptr [[W]], i32 [[LD]])
; CHECK: call void @cblas_dtrsm(i32 102, i32 141, i32 [[UPLO]], i32 {{%[0-9a-z.]+}}, i32 131, i32 [[N]], i32 [[N]], double 1.000000e+00, ptr %A, i32 [[LDA]], ptr [[W]], i32 [[LD]])
; CHECK: call void @cblas_dtrsm(i32 102, i32 142, i32 [[UPLO]], i32 {{%[0-9a-z.]+}}, i32 131, i32 [[N]], i32 [[N]], double 1.000000e+00, ptr %A, i32 [[LDA]], ptr [[W]], i32 [[LD]])
; CHECK: call void @cblas_dscal(i32 [[N]], double 5.000000e-01, ptr [[W]], i32
; CHECK: call double @swad.blas.d.scale_matrix(i32 102, i32 1, i32 [[UPLO]], i32 [[N]], i32 [[N]], double 0.000000e+00, ptr [[DA]], i32 [[LDA]],
; CHECK: call double @swad.blas.d.axpy_matrix(i32 102, i32 1, i32 [[UPLO]], i32 [[N]], i32 [[N]], double 1.000000e+00, ptr [[W]], i32 [[LD]], ptr [[DA]], i32 [[LDA]])
; CHECK: call void @free(ptr [[W]])
; CHECK: ret void
