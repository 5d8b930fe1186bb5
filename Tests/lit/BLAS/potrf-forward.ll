; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The tangent of LAPACK's dpotrf_, after the call, in BLAS: W := Ȧ (the triangle, mirrored into
; the symmetric matrix it stores), L⁻¹WL⁻ᵀ (two dtrsms), Φ (the other strict triangle zeroed, the
; diagonal halved), L̇ = LΦ (a dtrmm), and that triangle replaces Ȧ in the tangent.
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
  call void (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %d, ptr %A, ptr %dA, i32 %c, ptr %n, i32 %c, ptr %info)
  ret void
}

; CHECK-LABEL: define internal void @fwddiffef(
; CHECK: call void @dpotrf_(ptr @L, ptr %n, ptr %A, ptr %n, ptr %info, i64 1)
; CHECK: [[W:%[0-9a-z.]+]] = call ptr @calloc(
; CHECK: call double @swad.blas.d.axpy_matrix(i32 102, i32 1, i32 [[UPLO:%[0-9a-z.]+]], i32 [[N:%[0-9a-z.]+]], i32 [[N]], double 1.000000e+00, ptr %"'A", i32 [[LDA:%[0-9a-z.]+]], ptr [[W]], i32 [[LD:%[0-9a-z.]+]])
; CHECK: call double @swad.blas.d.mirror_matrix(i32 102, i32 2, i32 [[UPLO]], i32 [[N]], i32 [[N]], double 0.000000e+00, ptr [[W]], i32 [[LD]], ptr [[W]], i32 [[LD]])
; CHECK: call void @cblas_dtrsm(i32 102, i32 141, i32 [[UPLO]], i32 {{%[0-9a-z.]+}}, i32 131, i32 [[N]], i32 [[N]], double 1.000000e+00, ptr %A, i32 [[LDA]], ptr [[W]], i32 [[LD]])
; CHECK: call void @cblas_dtrsm(i32 102, i32 142, i32 [[UPLO]], i32 {{%[0-9a-z.]+}}, i32 131, i32 [[N]], i32 [[N]], double 1.000000e+00, ptr %A, i32 [[LDA]], ptr [[W]], i32 [[LD]])
; CHECK: call double @swad.blas.d.scale_matrix(i32 102, i32 2, i32 {{%[0-9a-z.]+}}, i32 [[N]], i32 [[N]], double 0.000000e+00, ptr [[W]], i32 [[LD]],
; CHECK: call void @cblas_dscal(i32 [[N]], double 5.000000e-01, ptr [[W]], i32
; CHECK: call void @cblas_dtrmm(i32 102, i32 {{%[0-9a-z.]+}}, i32 [[UPLO]], i32 111, i32 131, i32 [[N]], i32 [[N]], double 1.000000e+00, ptr %A, i32 [[LDA]], ptr [[W]], i32 [[LD]])
; CHECK: call double @swad.blas.d.scale_matrix(i32 102, i32 1, i32 [[UPLO]], i32 [[N]], i32 [[N]], double 0.000000e+00, ptr %"'A", i32 [[LDA]],
; CHECK: call double @swad.blas.d.axpy_matrix(i32 102, i32 1, i32 [[UPLO]], i32 [[N]], i32 [[N]], double 1.000000e+00, ptr [[W]], i32 [[LD]], ptr %"'A", i32 [[LDA]])
; CHECK: call void @free(ptr [[W]])
; CHECK: ret void
