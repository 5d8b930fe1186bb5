; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The adjoint of cblas_dtpsv (packed lower triangle, transposed, non-unit): x̄ := A⁻¹x̄ (a dtpsv
; with the transpose flipped), then Ā −= x xᵀ̄ on the triangle (the solution x, which the reverse sweep
; reads where the call left it: nothing writes it later), into packed storage (leading dimension 0).
@enzyme_dup = external global i32
@enzyme_const = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare void @__enzyme_fwddiff(ptr, ...)
declare void @cblas_dtpsv(i32, i32, i32, i32, i32, ptr, ptr, i32)

define void @f(ptr %AP, ptr %x, i32 %n) {
entry:
  call void @cblas_dtpsv(i32 102, i32 122, i32 112, i32 131, i32 %n, ptr %AP, ptr %x, i32 1)
  ret void
}

define void @caller(ptr %AP, ptr %dAP, ptr %x, ptr %dx, i32 %n) {
entry:
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %AP, ptr %dAP, i32 %d, ptr %x, ptr %dx, i32 %n)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: call void @cblas_dtpsv(i32 102, i32 122, i32 111, i32 131, i32 %n, ptr %AP, ptr [[DX:%[0-9a-z.]+]], i32 1)
; CHECK: [[S:%[0-9a-z.]+]] = call ptr @calloc(
; CHECK: call void @cblas_dger(i32 102, i32 %n, i32 %n, double -1.000000e+00, ptr %x, i32 1, ptr [[DX]], i32 1, ptr [[S]], i32 [[LD:%[0-9a-z.]+]])
; CHECK: call double @swad.blas.d.axpy_matrix(i32 102, i32 1, i32 122, i32 %n, i32 %n, double 1.000000e+00, ptr [[S]], i32 [[LD]], ptr {{%[0-9a-z.]+}}, i32 0)
; CHECK: call void @free(ptr [[S]])
; CHECK-NOT: call void @free
; CHECK: ret void
