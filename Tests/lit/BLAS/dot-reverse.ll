; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The adjoint of cblas_ddot is two daxpys scaled by the result's adjoint: x̄ += r̄ y, ȳ += r̄ x.
; Only the active operand gets one (y is enzyme_const here).
@enzyme_dup = external global i32
@enzyme_const = external global i32
declare double @__enzyme_autodiff(ptr, ...)
declare double @cblas_ddot(i32, ptr, i32, ptr, i32)

define double @f(ptr %x, ptr %y, i32 %n) {
entry:
  %r = call double @cblas_ddot(i32 %n, ptr %x, i32 2, ptr %y, i32 1)
  ret double %r
}

define double @g(ptr %x, ptr %y, i32 %n) {
entry:
  %r = call double @cblas_ddot(i32 %n, ptr %x, i32 2, ptr %y, i32 1)
  ret double %r
}

define void @caller(ptr %x, ptr %dx, ptr %y, ptr %dy, i32 %n) {
entry:
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  %a = call double (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %x, ptr %dx, i32 %d, ptr %y, ptr %dy, i32 %n)
  %b = call double (ptr, ...) @__enzyme_autodiff(ptr @g, i32 %d, ptr %x, ptr %dx, i32 %c, ptr %y, i32 %n)
  ret void
}

; CHECK-LABEL: define internal {{.*}} @diffe_reverse_f(
; CHECK: call void @cblas_daxpy(i32 %n, double [[SEED:%[0-9a-z.]+]], ptr %y, i32 1, ptr {{%.*}}, i32 2)
; CHECK: call void @cblas_daxpy(i32 %n, double [[SEED]], ptr %x, i32 2, ptr {{%.*}}, i32 1)
; CHECK: ret void

; CHECK-LABEL: define internal {{.*}} @diffe_reverse_g(
; CHECK: call void @cblas_daxpy(i32 %n, double {{%.*}}, ptr %y, i32 1, ptr {{%.*}}, i32 2)
; CHECK-NOT: @cblas_daxpy
; CHECK: ret void
