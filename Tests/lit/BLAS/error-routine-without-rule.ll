; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; A BLAS routine the table does not have (here dsymm) is a call without a derivative rule: with
; active data it is an error naming it, as for any external function.
@enzyme_dup = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare void @cblas_dsymm(i32, i32, i32, i32, i32, double, ptr, i32, ptr, i32, double, ptr, i32)

define void @f(ptr %A, ptr %B, ptr %C, i32 %n) {
entry:
  call void @cblas_dsymm(i32 102, i32 141, i32 121, i32 %n, i32 %n, double 1.0, ptr %A, i32 %n, ptr %B, i32 %n, double 0.0, ptr %C, i32 %n)
  ret void
}

define void @caller(ptr %A, ptr %dA, ptr %B, ptr %dB, ptr %C, ptr %dC, i32 %n) {
entry:
  %d = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %A, ptr %dA, i32 %d, ptr %B, ptr %dB, i32 %d, ptr %C, ptr %dC, i32 %n)
  ret void
}

; CHECK: error: in function 'f': cannot differentiate a call of 'cblas_dsymm': it has no body in this module and no derivative rule
