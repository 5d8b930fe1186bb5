; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; The adjoint of a store into a duplicated pointer: the reverse sweep reads the shadow (the adjoint
; of the stored value), then clears it (the old contents of *out do not reach the output), then
; continues with the stored value's adjoint (here through sin: x̄ += cos(x) · out̄).
; A void function: diffe_reverse_f takes no dret.
@enzyme_dup = external global i32
@enzyme_out = external global i32
declare double @__enzyme_autodiff(ptr, ...)

define void @f(double %x, ptr %out) {
entry:
  %s = call double @llvm.sin.f64(double %x)
  store double %s, ptr %out, align 8
  ret void
}
declare double @llvm.sin.f64(double)

define double @caller(double %x, ptr %out, ptr %dout) {
entry:
  %o = load i32, ptr @enzyme_out
  %d = load i32, ptr @enzyme_dup
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %o, double %x, i32 %d, ptr %out, ptr %dout)
  ret double %g
}

; CHECK-LABEL: define double @caller(
; CHECK: [[G:%.*]] = call { double } @diffef(double %x, ptr %out, ptr %dout)
; CHECK: [[GX:%.*]] = extractvalue { double } [[G]], 0
; CHECK: ret double [[GX]]

; CHECK-LABEL: define internal void @augmented_f(
; CHECK-SAME: double [[X:%.*]], ptr [[OUT:%.*]], ptr [[DOUT:%.*]], ptr [[TAPE:%.*]])
; CHECK: [[S:%.*]] = call double @llvm.sin.f64(double [[X]])
; CHECK: store double [[S]], ptr [[OUT]]
; CHECK-NOT: store double {{.*}}, ptr [[DOUT]]
; CHECK: ret void

; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; CHECK-SAME: ptr [[TAPE:%[a-z]+]], double [[X:%[a-z]+]], ptr {{%[a-z]+}}, ptr {{%.*}})
; The shadow is the one the forward sweep used, from the tape; x comes back as a parameter.
; CHECK: call ptr @swad.tape.pop(ptr [[TAPE]], i64 8)
; CHECK: [[DOUT:%.*]] = load ptr, ptr
; CHECK: [[DS:%.*]] = load double, ptr [[DOUT]], align 8
; CHECK: [[SEED:%.*]] = fadd reassoc nsz contract double {{.*}}[[DS]]
; CHECK: store double 0.000000e+00, ptr [[DOUT]], align 8
; CHECK: [[COS:%.*]] = call double @llvm.cos.f64(double [[X]])
; CHECK: [[T:%.*]] = fmul contract double [[COS]], [[SEED]]
; CHECK: [[DX:%.*]] = fadd reassoc nsz contract double {{.*}}[[T]]
; CHECK: insertvalue { double } poison, double [[DX]], 0
