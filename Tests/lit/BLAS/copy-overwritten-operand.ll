; RUN: %swad-opt %s -O0 --pre-passes '' -S --print-remarks 2>%t.remarks | FileCheck %s
; RUN: FileCheck %s --check-prefix=REMARK < %t.remarks
; Caching for the reverse sweep: the adjoint of C := A B reads A (for B̄) and B (for Ā). B is never
; written again and is read again by the reverse sweep; A (noalias, so that the store cannot reach B)
; is overwritten after the call,
; so the forward sweep copies it before the call, and the reverse sweep reads and frees the copy.
@enzyme_dup = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare void @cblas_dgemm(i32, i32, i32, i32, i32, i32, double, ptr, i32, ptr, i32, double, ptr, i32)

define void @f(ptr noalias %A, ptr %B, ptr %C, i32 %n) {
entry:
  call void @cblas_dgemm(i32 102, i32 111, i32 111, i32 %n, i32 %n, i32 %n, double 1.0, ptr %A, i32 %n, ptr %B, i32 %n, double 0.0, ptr %C, i32 %n)
  store double 0.0, ptr %A
  ret void
}

define void @caller(ptr %A, ptr %dA, ptr %B, ptr %dB, ptr %C, ptr %dC, i32 %n) {
entry:
  %d = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %A, ptr %dA, i32 %d, ptr %B, ptr %dB, i32 %d, ptr %C, ptr %dC, i32 %n)
  ret void
}

; CHECK-LABEL: define internal {{.*}} @augmented_f(
; CHECK: [[COPY:%blas.a]] = call ptr @malloc(i64 [[BYTES:%.*]])
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr {{.*}}[[COPY]], ptr {{.*}}%A, i64 [[BYTES]], i1 false)
; CHECK-NEXT: call void @cblas_dgemm(i32 102
; CHECK-NOT: @malloc
; CHECK: ret void

; CHECK-LABEL: define internal {{.*}} @diffe_reverse_f(
; Ā += C̄ Bᵀ reads B itself.
; CHECK: call void @cblas_dgemm(i32 102, i32 111, i32 112, {{.*}}, ptr %B, i32 %n, double 1.000000e+00
; B̄ += Aᵀ C̄ reads the copy of A.
; CHECK: call void @cblas_dgemm(i32 102, i32 112, i32 111, i32 %n, i32 %n, i32 %n, double 1.000000e+00, ptr [[SAVED:%[0-9a-z.]+]], i32 %n
; CHECK: call void @free(ptr [[SAVED]])
; CHECK: ret void

; REMARK-DAG: remark: f: cblas_dgemm operand b is read again by the reverse sweep, not copied (nothing overwrites it)
; REMARK-DAG: remark: f: cblas_dgemm operand a is copied for the reverse sweep (later code may overwrite it, or it does not outlive the forward sweep)
