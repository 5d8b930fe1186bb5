; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The tangent of cblas_dspr2 (packed, row-major, upper), before the primal call:
; Ȧ += α(ẋyᵀ + yẋᵀ) + α(xẏᵀ + ẏxᵀ), two dspr2s.
@enzyme_dup = external global i32
@enzyme_const = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare void @__enzyme_fwddiff(ptr, ...)
declare void @cblas_dspr2(i32, i32, i32, double, ptr, i32, ptr, i32, ptr)

define void @f(ptr %x, ptr %y, ptr %AP, i32 %n) {
entry:
  call void @cblas_dspr2(i32 101, i32 121, i32 %n, double 2.0, ptr %x, i32 1, ptr %y, i32 1, ptr %AP)
  ret void
}

define void @caller(ptr %x, ptr %dx, ptr %y, ptr %dy, ptr %AP, ptr %dAP, i32 %n) {
entry:
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %d, ptr %x, ptr %dx, i32 %d, ptr %y, ptr %dy, i32 %d, ptr %AP, ptr %dAP, i32 %n)
  ret void
}

; CHECK-LABEL: define internal void @fwddiffef(
; CHECK: call void @cblas_dspr2(i32 101, i32 121, i32 %n, double 2.000000e+00, ptr %"'x", i32 1, ptr %y, i32 1, ptr %"'AP")
; CHECK-NEXT: call void @cblas_dspr2(i32 101, i32 121, i32 %n, double 2.000000e+00, ptr %x, i32 1, ptr %"'y", i32 1, ptr %"'AP")
; CHECK-NEXT: call void @cblas_dspr2(i32 101, i32 121, i32 %n, double 2.000000e+00, ptr %x, i32 1, ptr %y, i32 1, ptr %AP)
; CHECK: ret void
