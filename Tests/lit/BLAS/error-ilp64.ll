; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; A CBLAS declared with 64-bit integers (an ILP64 build) is reported: the rules call the LP64 CBLAS.
@enzyme_dup = external global i32
declare double @__enzyme_autodiff(ptr, ...)
declare double @cblas_ddot(i64, ptr, i64, ptr, i64)

define double @f(ptr %x, ptr %y, i64 %n) {
entry:
  %r = call double @cblas_ddot(i64 %n, ptr %x, i64 1, ptr %y, i64 1)
  ret double %r
}

define double @caller(ptr %x, ptr %dx, ptr %y, ptr %dy, i64 %n) {
entry:
  %d = load i32, ptr @enzyme_dup
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %x, ptr %dx, i32 %d, ptr %y, ptr %dy, i64 %n)
  ret double %g
}

; CHECK: error: in function 'f': cblas_ddot: only BLAS interfaces with 32-bit integers are supported (this one passes i64 for n)
