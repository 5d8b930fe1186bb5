; RUN: not %swad-opt %s -o %t.bc 2>&1 | FileCheck %s
; RUN: not test -e %t.bc
; Batched reverse mode does not batch BLAS adjoints yet: an error naming the call, not a gradient
; that forgets every lane but the first.

declare { double, double } @__enzyme_autodiff(ptr, ...)
declare double @cblas_ddot(i32, ptr, i32, ptr, i32)

define double @f(ptr %x) {
entry:
  %d = call double @cblas_ddot(i32 3, ptr %x, i32 1, ptr %x, i32 1)
  ret double %d
}

define void @caller(ptr %x, ptr %dx0, ptr %dx1) {
entry:
  %r = call { double, double } (ptr, ...) @__enzyme_autodiff(ptr @f, metadata !"enzyme_width", i64 2,
                                                             metadata !"enzyme_dup", ptr %x, ptr %dx0, ptr %dx1)
  ret void
}
; CHECK: error: in function 'f': cannot differentiate the call of 'cblas_ddot' in batched reverse mode (enzyme_width 2): BLAS and LAPACK routines have no batched adjoint yet; call the gradient once per direction
