; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The tangent of cblas_dspr (packed lower triangle), before the primal call:
; Ȧ += α(ẋxᵀ + xẋᵀ), one dspr2.
@enzyme_dup = external global i32
@enzyme_const = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare void @__enzyme_fwddiff(ptr, ...)
declare void @cblas_dspr(i32, i32, i32, double, ptr, i32, ptr)

define void @f(ptr %x, ptr %AP, i32 %n) {
entry:
  call void @cblas_dspr(i32 102, i32 122, i32 %n, double 2.0, ptr %x, i32 1, ptr %AP)
  ret void
}

define void @caller(ptr %x, ptr %dx, ptr %AP, ptr %dAP, i32 %n) {
entry:
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %d, ptr %x, ptr %dx, i32 %d, ptr %AP, ptr %dAP, i32 %n)
  ret void
}

; CHECK-LABEL: define internal void @fwddiffef(
; CHECK: call void @cblas_dspr2(i32 102, i32 122, i32 %n, double 2.000000e+00, ptr %"'x", i32 1, ptr %x, i32 1, ptr %"'AP")
; CHECK-NEXT: call void @cblas_dspr(i32 102, i32 122, i32 %n, double 2.000000e+00, ptr %x, i32 1, ptr %AP)
; CHECK: ret void
