; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The adjoint of cblas_dsyr2k (lower, NoTrans): W = S + Sᵀ from the lower triangle S of C̄
; (a triangle axpy into zeroed scratch, the mirror loop over the strict triangle, the diagonal doubled),
; then Ā += αWB and B̄ += αWA (one dgemm each); beta = 1 leaves C̄ alone.
@enzyme_dup = external global i32
@enzyme_const = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare void @__enzyme_fwddiff(ptr, ...)
declare void @cblas_dsyr2k(i32, i32, i32, i32, i32, double, ptr, i32, ptr, i32, double, ptr, i32)

define void @f(ptr %A, ptr %B, ptr %C, i32 %n, i32 %k) {
entry:
  call void @cblas_dsyr2k(i32 102, i32 122, i32 111, i32 %n, i32 %k, double 2.0, ptr %A, i32 %n, ptr %B, i32 %n, double 1.0, ptr %C, i32 %n)
  ret void
}

define void @caller(ptr %A, ptr %dA, ptr %B, ptr %dB, ptr %C, ptr %dC, i32 %n, i32 %k) {
entry:
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %A, ptr %dA, i32 %d, ptr %B, ptr %dB, i32 %d, ptr %C, ptr %dC, i32 %n, i32 %k)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: [[W:%[0-9a-z.]+]] = call ptr @calloc(
; CHECK: call double @swad.blas.d.axpy_matrix(i32 102, i32 1, i32 122, i32 %n, i32 %n, double 1.000000e+00, ptr [[DC:%[0-9a-z.]+]], i32 %n, ptr [[W]], i32 [[LD:%[0-9a-z.]+]])
; CHECK: call double @swad.blas.d.mirror_matrix(i32 102, i32 2, i32 122, i32 %n, i32 %n, double 0.000000e+00, ptr [[W]], i32 [[LD]], ptr [[W]], i32 [[LD]])
; CHECK: call void @cblas_dscal(i32 %n, double 2.000000e+00, ptr [[W]], i32
; CHECK: call void @cblas_dgemm(i32 102, i32 111, i32 111, i32 %n, i32 %k, i32 %n, double 2.000000e+00, ptr [[W]], i32 [[LD]], ptr %B, i32 %n, double 1.000000e+00, ptr {{%[0-9a-z.]+}}, i32 %n)
; CHECK: call void @cblas_dgemm(i32 102, i32 111, i32 111, i32 %n, i32 %k, i32 %n, double 2.000000e+00, ptr [[W]], i32 [[LD]], ptr %A, i32 %n, double 1.000000e+00, ptr {{%[0-9a-z.]+}}, i32 %n)
; CHECK-NOT: scale_matrix
; CHECK: call void @free(ptr [[W]])
; CHECK: ret void

; CHECK-LABEL: define internal double @swad.blas.d.mirror_matrix(
; CHECK: call void @cblas_dcopy(
