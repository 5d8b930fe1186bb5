; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; LAPACK's dpotrs_ (X := A⁻¹B from the factor of A = UᵀU): B̄ := A⁻¹B̄ =: Y (two dtrsms), then
; Ū += the upper triangle of U(Ā + Āᵀ), Ā = −YXᵀ: a dsyr2k with −1 into zeroed scratch, the mirror
; loop, a dtrmm, a triangle axpy. X, the solution, is read where the call left it.
@enzyme_dup = external global i32
@enzyme_const = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare void @__enzyme_fwddiff(ptr, ...)
declare void @dpotrs_(ptr, ptr, ptr, ptr, ptr, ptr, ptr, ptr, i64)
@U = private constant [2 x i8] c"U\00"

define void @f(ptr %A, ptr %B, ptr %n, ptr %nrhs, ptr %info) {
entry:
  call void @dpotrs_(ptr @U, ptr %n, ptr %nrhs, ptr %A, ptr %n, ptr %B, ptr %n, ptr %info, i64 1)
  ret void
}

define void @caller(ptr %A, ptr %dA, ptr %B, ptr %dB, ptr %n, ptr %nrhs, ptr %info) {
entry:
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %A, ptr %dA, i32 %d, ptr %B, ptr %dB, i32 %c, ptr %n, i32 %c, ptr %nrhs, i32 %c, ptr %info)
  ret void
}

; CHECK-LABEL: define internal void @augmented_f(
; CHECK-NOT: @malloc
; CHECK: call void @dpotrs_(

; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: call void @cblas_dtrsm(i32 102, i32 141, i32 [[UPLO:%[0-9a-z.]+]], i32 {{%[0-9a-z.]+}}, i32 131, i32 [[N:%[0-9a-z.]+]], i32 [[NRHS:%[0-9a-z.]+]], double 1.000000e+00, ptr %A, i32 [[LDA:%[0-9a-z.]+]], ptr [[DB:%[0-9a-z.]+]], i32 [[LDB:%[0-9a-z.]+]])
; CHECK: call void @cblas_dtrsm(i32 102, i32 141, i32 [[UPLO]], i32 {{%[0-9a-z.]+}}, i32 131, i32 [[N]], i32 [[NRHS]], double 1.000000e+00, ptr %A, i32 [[LDA]], ptr [[DB]], i32 [[LDB]])
; CHECK: [[W:%[0-9a-z.]+]] = call ptr @calloc(
; CHECK: call void @cblas_dsyr2k(i32 102, i32 [[UPLO]], i32 111, i32 [[N]], i32 [[NRHS]], double -1.000000e+00, ptr [[DB]], i32 [[LDB]], ptr %B, i32 [[LDB]], double 0.000000e+00, ptr [[W]], i32 [[LD:%[0-9a-z.]+]])
; CHECK: call double @swad.blas.d.mirror_matrix(i32 102, i32 2, i32 [[UPLO]], i32 [[N]], i32 [[N]], double 0.000000e+00, ptr [[W]], i32 [[LD]], ptr [[W]], i32 [[LD]])
; CHECK: call void @cblas_dtrmm(i32 102, i32 {{%[0-9a-z.]+}}, i32 [[UPLO]], i32 111, i32 131, i32 [[N]], i32 [[N]], double 1.000000e+00, ptr %A, i32 [[LDA]], ptr [[W]], i32 [[LD]])
; CHECK: call double @swad.blas.d.axpy_matrix(i32 102, i32 1, i32 [[UPLO]], i32 [[N]], i32 [[N]], double 1.000000e+00, ptr [[W]], i32 [[LD]], ptr {{%[0-9a-z.]+}}, i32 [[LDA]])
; CHECK: call void @free(ptr [[W]])
; CHECK: ret void
