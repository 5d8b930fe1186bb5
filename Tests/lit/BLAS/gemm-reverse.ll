; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The adjoint of cblas_dgemm is two dgemms (one per active matrix, with the transposes that make
; C̄ op(B)ᵀ and op(A)ᵀ C̄) and C̄ := βC̄; A and B, which nothing overwrites, are read again by the
; reverse sweep rather than copied (no malloc in the augmented forward function).
@enzyme_dup = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare void @cblas_dgemm(i32, i32, i32, i32, i32, i32, double, ptr, i32, ptr, i32, double, ptr, i32)

; C := 2 A B + 0.5 C, all n×n, row-major.
define void @f(ptr %A, ptr %B, ptr %C, i32 %n) {
entry:
  call void @cblas_dgemm(i32 101, i32 111, i32 111, i32 %n, i32 %n, i32 %n, double 2.0, ptr %A, i32 %n, ptr %B, i32 %n, double 0.5, ptr %C, i32 %n)
  ret void
}

define void @caller(ptr %A, ptr %dA, ptr %B, ptr %dB, ptr %C, ptr %dC, i32 %n) {
entry:
  %d = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %A, ptr %dA, i32 %d, ptr %B, ptr %dB, i32 %d, ptr %C, ptr %dC, i32 %n)
  ret void
}

; CHECK-LABEL: define internal {{.*}} @augmented_f(
; CHECK-NOT: @malloc
; CHECK: call void @cblas_dgemm(i32 101, i32 111, i32 111, i32 %n, i32 %n, i32 %n, double 2.000000e+00, ptr %A, i32 %n, ptr %B, i32 %n, double 5.000000e-01, ptr %C, i32 %n)
; CHECK-NOT: @malloc
; CHECK: ret

; CHECK-LABEL: define internal {{.*}} @diffe_reverse_f(
; Ā += α C̄ Bᵀ: C̄ first, B transposed, into A's shadow.
; CHECK: call void @cblas_dgemm(i32 101, i32 111, i32 112, i32 %n, i32 %n, i32 %n, double 2.000000e+00, ptr [[DC:%[0-9a-z.]+]], i32 %n, ptr %B, i32 %n, double 1.000000e+00, ptr [[DA:%[0-9a-z.]+]], i32 %n)
; B̄ += α Aᵀ C̄.
; CHECK: call void @cblas_dgemm(i32 101, i32 112, i32 111, i32 %n, i32 %n, i32 %n, double 2.000000e+00, ptr %A, i32 %n, ptr [[DC]], i32 %n, double 1.000000e+00, ptr [[DB:%[0-9a-z.]+]], i32 %n)
; C̄ := 0.5 C̄ (the whole matrix: part 0).
; CHECK: call {{.*}}double @swad.blas.d.scale_matrix(i32 101, i32 0, i32 121, i32 %n, i32 %n, double 5.000000e-01, ptr [[DC]], i32 %n
; CHECK-NOT: @cblas_dgemm
; CHECK: ret void
