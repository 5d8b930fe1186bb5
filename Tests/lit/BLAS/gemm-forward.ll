; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The tangent of cblas_dgemm, before the primal call: Ċ := α Ȧ B + β Ċ (the first term takes beta),
; Ċ += α A Ḃ; with B constant (enzyme_const) only the first.
@enzyme_dup = external global i32
@enzyme_const = external global i32
declare void @__enzyme_fwddiff(ptr, ...)
declare void @cblas_dgemm(i32, i32, i32, i32, i32, i32, double, ptr, i32, ptr, i32, double, ptr, i32)

define void @f(ptr %A, ptr %B, ptr %C, i32 %n) {
entry:
  call void @cblas_dgemm(i32 102, i32 112, i32 111, i32 %n, i32 %n, i32 %n, double 2.0, ptr %A, i32 %n, ptr %B, i32 %n, double 0.5, ptr %C, i32 %n)
  ret void
}

define void @g(ptr %A, ptr %B, ptr %C, i32 %n) {
entry:
  call void @cblas_dgemm(i32 102, i32 112, i32 111, i32 %n, i32 %n, i32 %n, double 2.0, ptr %A, i32 %n, ptr %B, i32 %n, double 0.5, ptr %C, i32 %n)
  ret void
}

define void @caller(ptr %A, ptr %dA, ptr %B, ptr %dB, ptr %C, ptr %dC, i32 %n) {
entry:
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %d, ptr %A, ptr %dA, i32 %d, ptr %B, ptr %dB, i32 %d, ptr %C, ptr %dC, i32 %n)
  call void (ptr, ...) @__enzyme_fwddiff(ptr @g, i32 %d, ptr %A, ptr %dA, i32 %c, ptr %B, i32 %d, ptr %C, ptr %dC, i32 %n)
  ret void
}

; CHECK-LABEL: define internal void @fwddiffef(ptr %A, ptr %"'A", ptr %B, ptr %"'B", ptr %C, ptr %"'C", i32 %n)
; CHECK-NEXT: entry:
; CHECK-NEXT: call void @cblas_dgemm(i32 102, i32 112, i32 111, i32 %n, i32 %n, i32 %n, double 2.000000e+00, ptr %"'A", i32 %n, ptr %B, i32 %n, double 5.000000e-01, ptr %"'C", i32 %n)
; CHECK-NEXT: call void @cblas_dgemm(i32 102, i32 112, i32 111, i32 %n, i32 %n, i32 %n, double 2.000000e+00, ptr %A, i32 %n, ptr %"'B", i32 %n, double 1.000000e+00, ptr %"'C", i32 %n)
; CHECK-NEXT: call void @cblas_dgemm(i32 102, i32 112, i32 111, i32 %n, i32 %n, i32 %n, double 2.000000e+00, ptr %A, i32 %n, ptr %B, i32 %n, double 5.000000e-01, ptr %C, i32 %n)
; CHECK-NEXT: ret void

; CHECK-LABEL: define internal void @fwddiffeg(ptr %A, ptr %"'A", ptr %B, ptr %C, ptr %"'C", i32 %n)
; CHECK-NEXT: entry:
; CHECK-NEXT: call void @cblas_dgemm(i32 102, i32 112, i32 111, i32 %n, i32 %n, i32 %n, double 2.000000e+00, ptr %"'A", i32 %n, ptr %B, i32 %n, double 5.000000e-01, ptr %"'C", i32 %n)
; CHECK-NEXT: call void @cblas_dgemm(i32 102, i32 112, i32 111, i32 %n, i32 %n, i32 %n, double 2.000000e+00, ptr %A, i32 %n, ptr %B, i32 %n, double 5.000000e-01, ptr %C, i32 %n)
; CHECK-NEXT: ret void
