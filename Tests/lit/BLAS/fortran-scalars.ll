; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Fortran's dgemm_ takes everything by pointer: the options are read as characters ('N'/'n' is
; NoTrans, anything else Trans), sizes and scalars are loaded, and the rules call CBLAS in
; column-major order. alpha's stack slot holds an active value (its adjoint, an inner product of C̄
; with A B, goes into the slot's shadow, and from there to %alpha); beta's holds a constant, so
; there is no inner product for it.
@enzyme_dup = external global i32
@enzyme_const = external global i32
declare double @__enzyme_autodiff(ptr, ...)
declare void @dgemm_(ptr, ptr, ptr, ptr, ptr, ptr, ptr, ptr, ptr, ptr, ptr, ptr, ptr)
@N = private constant [2 x i8] c"N\00"
@T = private constant [2 x i8] c"T\00"

define void @f(ptr %A, ptr %B, ptr %C, ptr %n, double %alpha) {
entry:
  %a = alloca double
  %b = alloca double
  store double %alpha, ptr %a
  store double 0.0, ptr %b
  call void @dgemm_(ptr @N, ptr @T, ptr %n, ptr %n, ptr %n, ptr %a, ptr %A, ptr %n, ptr %B, ptr %n, ptr %b, ptr %C, ptr %n)
  ret void
}

define double @caller(ptr %A, ptr %dA, ptr %B, ptr %dB, ptr %C, ptr %dC, ptr %n, double %alpha) {
entry:
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %A, ptr %dA, i32 %d, ptr %B, ptr %dB, i32 %d, ptr %C, ptr %dC, i32 %c, ptr %n, double %alpha)
  ret double %g
}

; CHECK-LABEL: define internal {{.*}} @augmented_f(
; CHECK: [[TA:%.*]] = load i8, ptr @N
; CHECK: call void @dgemm_(ptr @N, ptr @T,
; CHECK: ret

; CHECK-LABEL: define internal {{.*}} @diffe_reverse_f(
; CHECK: call void @cblas_dgemm(i32 102,
; CHECK: call void @cblas_dgemm(i32 102,
; The inner product for alpha: a product into scratch, then one matrix dot.
; CHECK: call void @cblas_dgemm(i32 102, {{.*}}, double 1.000000e+00, {{.*}}, double 0.000000e+00, ptr [[PRODUCT:%blas.scratch[0-9]*]]
; CHECK: call double @swad.blas.d.dot_matrix(i32 102, i32 0, i32 121, {{.*}}, ptr [[PRODUCT]]
; CHECK-NOT: @swad.blas.d.dot_matrix
; CHECK: call {{.*}}@swad.blas.d.scale_matrix(i32 102, i32 0,
; CHECK: call void @free(ptr [[PRODUCT]])
; CHECK: ret { double }
