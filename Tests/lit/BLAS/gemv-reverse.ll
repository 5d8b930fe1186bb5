; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The adjoint of cblas_dgemv: Ā += α ȳ xᵀ is a dger, x̄ += α Aᵀ ȳ a dgemv with the transpose
; flipped, and ȳ := β ȳ a dscal; with beta = 0 and alpha a constant there is no scalar adjoint.
@enzyme_dup = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare void @cblas_dgemv(i32, i32, i32, i32, double, ptr, i32, ptr, i32, double, ptr, i32)

; y := 3 A x, A m×n column-major.
define void @f(ptr %A, ptr %x, ptr %y, i32 %m, i32 %n) {
entry:
  call void @cblas_dgemv(i32 102, i32 111, i32 %m, i32 %n, double 3.0, ptr %A, i32 %m, ptr %x, i32 1, double 0.0, ptr %y, i32 1)
  ret void
}

define void @caller(ptr %A, ptr %dA, ptr %x, ptr %dx, ptr %y, ptr %dy, i32 %m, i32 %n) {
entry:
  %d = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %A, ptr %dA, i32 %d, ptr %x, ptr %dx, i32 %d, ptr %y, ptr %dy, i32 %m, i32 %n)
  ret void
}

; CHECK-LABEL: define internal {{.*}} @diffe_reverse_f(
; CHECK: call void @cblas_dger(i32 102, i32 %m, i32 %n, double 3.000000e+00, ptr [[DY:%[0-9a-z.]+]], i32 1, ptr %x, i32 1, ptr [[DA:%[0-9a-z.]+]], i32 %m)
; CHECK: call void @cblas_dgemv(i32 102, i32 112, i32 %m, i32 %n, double 3.000000e+00, ptr %A, i32 %m, ptr [[DY]], i32 1, double 1.000000e+00, ptr [[DX:%[0-9a-z.]+]], i32 1)
; CHECK-NOT: @cblas_ddot
; CHECK: call void @cblas_dscal(i32 %m, double 0.000000e+00, ptr [[DY]], i32 1)
; CHECK: ret void
