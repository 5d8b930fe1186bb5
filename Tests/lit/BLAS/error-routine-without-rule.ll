; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; A BLAS routine the table does not have (here dsbmv, banded storage) is a call without a derivative
; rule: with active data it is an error naming it, as for any external function.
@enzyme_dup = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare void @cblas_dsbmv(i32, i32, i32, i32, double, ptr, i32, ptr, i32, double, ptr, i32)

define void @f(ptr %A, ptr %x, ptr %y, i32 %n) {
entry:
  call void @cblas_dsbmv(i32 102, i32 121, i32 %n, i32 1, double 1.0, ptr %A, i32 2, ptr %x, i32 1, double 0.0, ptr %y, i32 1)
  ret void
}

define void @caller(ptr %A, ptr %dA, ptr %x, ptr %dx, ptr %y, ptr %dy, i32 %n) {
entry:
  %d = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %A, ptr %dA, i32 %d, ptr %x, ptr %dx, i32 %d, ptr %y, ptr %dy, i32 %n)
  ret void
}

; CHECK: error: in function 'f': cannot differentiate a call of 'cblas_dsbmv': it has no body in this module and no derivative rule
