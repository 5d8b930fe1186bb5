; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The tangent of cblas_dspmv (packed symmetric matrix, row-major, lower), before the primal call:
; ẏ := βẏ + αȦx + α̇Ax, the first term taking beta (1 here, so no scaling); x is constant
; (enzyme_const), so there is no αAẋ term.
@enzyme_dup = external global i32
@enzyme_const = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare void @__enzyme_fwddiff(ptr, ...)
declare void @cblas_dspmv(i32, i32, i32, double, ptr, ptr, i32, double, ptr, i32)

define void @f(ptr %AP, ptr %x, ptr %y, i32 %n, double %alpha) {
entry:
  call void @cblas_dspmv(i32 101, i32 122, i32 %n, double %alpha, ptr %AP, ptr %x, i32 2, double 1.0, ptr %y, i32 1)
  ret void
}

define void @caller(ptr %AP, ptr %dAP, ptr %x, ptr %dx, ptr %y, ptr %dy, i32 %n, double %alpha, double %dalpha) {
entry:
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %d, ptr %AP, ptr %dAP, i32 %c, ptr %x, i32 %d, ptr %y, ptr %dy, i32 %n, double %alpha, double %dalpha)
  ret void
}

; CHECK-LABEL: define internal void @fwddiffef(
; CHECK: call void @cblas_dspmv(i32 101, i32 122, i32 %n, double %alpha, ptr %"'AP", ptr %x, i32 2, double 1.000000e+00, ptr %"'y", i32 1)
; CHECK-NEXT: call void @cblas_dspmv(i32 101, i32 122, i32 %n, double %"'alpha", ptr %AP, ptr %x, i32 2, double 1.000000e+00, ptr %"'y", i32 1)
; CHECK-NOT: @cblas_dscal
; CHECK: call void @cblas_dspmv(i32 101, i32 122, i32 %n, double %alpha, ptr %AP, ptr %x, i32 2, double 1.000000e+00, ptr %y, i32 1)
; CHECK: ret void
