; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The adjoint of cblas_dsyr (A := αxxᵀ + A on the upper triangle): with S the triangle of Ā,
; x̄ += α(S + Sᵀ)x by two dtrmvs on copies of x (S is not symmetric), Ā passing through; alpha is a
; constant, so there is no ᾱ.
@enzyme_dup = external global i32
@enzyme_const = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare void @__enzyme_fwddiff(ptr, ...)
declare void @cblas_dsyr(i32, i32, i32, double, ptr, i32, ptr, i32)

define void @f(ptr %x, ptr %A, i32 %n) {
entry:
  call void @cblas_dsyr(i32 102, i32 121, i32 %n, double 2.0, ptr %x, i32 1, ptr %A, i32 %n)
  ret void
}

define void @caller(ptr %x, ptr %dx, ptr %A, ptr %dA, i32 %n) {
entry:
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %x, ptr %dx, i32 %d, ptr %A, ptr %dA, i32 %n)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: [[T1:%[0-9a-z.]+]] = call ptr @malloc(
; CHECK: [[T2:%[0-9a-z.]+]] = call ptr @malloc(
; CHECK: call void @cblas_dcopy(i32 %n, ptr %x, i32 1, ptr [[T1]], i32 1)
; CHECK: call void @cblas_dcopy(i32 %n, ptr %x, i32 1, ptr [[T2]], i32 1)
; CHECK: call void @cblas_dtrmv(i32 102, i32 121, i32 111, i32 131, i32 %n, ptr [[DA:%[0-9a-z.]+]], i32 %n, ptr [[T1]], i32 1)
; CHECK: call void @cblas_dtrmv(i32 102, i32 121, i32 112, i32 131, i32 %n, ptr [[DA]], i32 %n, ptr [[T2]], i32 1)
; CHECK: call void @cblas_daxpy(i32 %n, double 1.000000e+00, ptr [[T2]], i32 1, ptr [[T1]], i32 1)
; CHECK: call void @cblas_daxpy(i32 %n, double 2.000000e+00, ptr [[T1]], i32 1, ptr {{%[0-9a-z.]+}}, i32 1)
; CHECK-NOT: @cblas_ddot
; CHECK: ret void
