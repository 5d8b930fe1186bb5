; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A dgemm operand that may be constant data (A is the active %W or the constant %X, so its shadow is
; %X itself where it is constant): the adjoint branches on whether A's shadow is its own, and the
; constant case leaves out Ā += α C̄ Bᵀ, a whole product into memory nothing would read, rather than
; running it into zeroed scratch memory. The active scale's adjoint (ᾱ += ⟨C̄, A B⟩) is added on
; both branches; B̄ is computed on both.
@enzyme_dup = external global i32
@enzyme_const = external global i32
declare double @__enzyme_autodiff(ptr, ...)
declare void @cblas_dgemm(i32, i32, i32, i32, i32, i32, double, ptr, i32, ptr, i32, double, ptr, i32)

; C := s A B, all n×n, column-major, A = %W or %X.
define void @f(ptr %W, ptr %X, ptr %B, ptr %C, i32 %n, double %s, i1 %useW) {
entry:
  %A = select i1 %useW, ptr %W, ptr %X
  call void @cblas_dgemm(i32 102, i32 111, i32 111, i32 %n, i32 %n, i32 %n, double %s, ptr %A, i32 %n, ptr %B, i32 %n, double 0.0, ptr %C, i32 %n)
  ret void
}

define double @caller(ptr %W, ptr %dW, ptr %X, ptr %B, ptr %dB, ptr %C, ptr %dC, i32 %n, double %s, i1 %useW) {
entry:
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  %ds = call double (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %W, ptr %dW, i32 %c, ptr %X, i32 %d, ptr %B, ptr %dB, i32 %d, ptr %C, ptr %dC, i32 %n, double %s, i32 %c, i1 %useW)
  ret double %ds
}

; CHECK-LABEL: define internal {{.*}} @diffe_reverse_f(
; CHECK-NOT: blas.scratch{{.*}} = call ptr @calloc
; CHECK: [[CONSTANT:%shadow.is.primal[0-9]*]] = icmp eq ptr [[DA:%[0-9a-z.]+]], %{{[0-9a-z.]+}}
; CHECK-NEXT: br i1 [[CONSTANT]], label %[[WITHOUT:shadow.constant[0-9]*]], label %[[WITH:shadow.active[0-9]*]]
; A's shadow is the array: B̄ += s Aᵀ C̄, then s̄, without Ā.
; CHECK: [[WITHOUT]]:
; CHECK-NEXT: call void @cblas_dgemm(i32 102, i32 112, i32 111, {{.*}}, double 1.000000e+00, ptr [[DB:%[0-9a-z.]+]], i32 %n)
; CHECK-NOT: [[DA]]
; CHECK: call double @swad.blas.d.dot_matrix(
; CHECK-NOT: [[DA]]
; CHECK: br label %[[DONE:shadow.done[0-9]*]]
; A's shadow is its own: Ā += s C̄ Bᵀ, then B̄ += s Aᵀ C̄, then s̄.
; CHECK: [[WITH]]:
; CHECK-NEXT: call void @cblas_dgemm(i32 102, i32 111, i32 112, {{.*}} ptr [[DA]], i32 %n)
; CHECK-NEXT: call void @cblas_dgemm(i32 102, i32 112, i32 111, {{.*}}, double 1.000000e+00, ptr [[DB]], i32 %n)
; CHECK: call double @swad.blas.d.dot_matrix(
; CHECK: br label %[[DONE]]
; CHECK: [[DONE]]:
; CHECK: ret
