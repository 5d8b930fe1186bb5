; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The tangent of LAPACK's dgetrs_ with the factors constant (enzyme_const): Ẋ = A⁻¹Ḃ after the call,
; the same solve as the primal's in BLAS: the interchanges in order (none when transposed), a dtrsm
; with L (unit) and one with U (or Uᵀ then Lᵀ, then the interchanges in reverse order, when the
; transpose option, read from its character at run time, says so).
@enzyme_dup = external global i32
@enzyme_const = external global i32
declare void @__enzyme_fwddiff(ptr, ...)
declare void @dgetrs_(ptr, ptr, ptr, ptr, ptr, ptr, ptr, ptr, ptr, i64)

define void @f(ptr %t, ptr %A, ptr %ipiv, ptr %B, ptr %n, ptr %nrhs, ptr %info) {
entry:
  call void @dgetrs_(ptr %t, ptr %n, ptr %nrhs, ptr %A, ptr %n, ptr %ipiv, ptr %B, ptr %n, ptr %info, i64 1)
  ret void
}

define void @caller(ptr %t, ptr %A, ptr %ipiv, ptr %B, ptr %dB, ptr %n, ptr %nrhs, ptr %info) {
entry:
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %c, ptr %t, i32 %c, ptr %A, i32 %c, ptr %ipiv, i32 %d, ptr %B, ptr %dB, i32 %c, ptr %n, i32 %c, ptr %nrhs, i32 %c, ptr %info)
  ret void
}

; CHECK-LABEL: define internal void @fwddiffef(
; CHECK: call void @dgetrs_(
; CHECK-NOT: @cblas_dtrmm
; CHECK: call void @swad.blas.d.swap_rows(i32 102, i32 [[NRHS:%[0-9a-z.]+]], ptr %"'B", i32 [[LDB:%[0-9a-z.]+]], ptr %ipiv, i32 {{%[0-9a-z.]+}}, i32 0)
; CHECK: call void @cblas_dtrsm(i32 102, i32 141, i32 {{%[0-9a-z.]+}}, i32 [[TRANS:%[0-9a-z.]+]], i32 {{%[0-9a-z.]+}}, i32 [[N:%[0-9a-z.]+]], i32 [[NRHS]], double 1.000000e+00, ptr %A, i32 [[LDA:%[0-9a-z.]+]], ptr %"'B", i32 [[LDB]])
; CHECK: call void @cblas_dtrsm(i32 102, i32 141, i32 {{%[0-9a-z.]+}}, i32 [[TRANS]], i32 {{%[0-9a-z.]+}}, i32 [[N]], i32 [[NRHS]], double 1.000000e+00, ptr %A, i32 [[LDA]], ptr %"'B", i32 [[LDB]])
; CHECK: call void @swad.blas.d.swap_rows(i32 102, i32 [[NRHS]], ptr %"'B", i32 [[LDB]], ptr %ipiv, i32 {{%[0-9a-z.]+}}, i32 1)
; CHECK: ret void
