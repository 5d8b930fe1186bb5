; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; Reverse adjoint of fmul: for r = x * y, x̄ += y · r̄ and ȳ += x · r̄. The augmented function pushes
; the primal operands the reverse function reads; diffef seeds r̄ = 1.0.
; (mem2reg promotes the adjoint slots; nothing is inlined, so every function stays visible.)

declare { double, double } @__enzyme_autodiff(ptr, ...)

define double @f(double %x, double %y) {
entry:
  %r = fmul double %x, %y
  ret double %r
}

define { double, double } @caller(double %x, double %y) {
entry:
  %g = call { double, double } (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, double %y)
  ret { double, double } %g
}

; CHECK-LABEL: define { double, double } @caller(
; CHECK-SAME: double [[X:%.*]], double [[Y:%.*]])
; CHECK: [[G:%.*]] = call { double, double } @diffef(double [[X]], double [[Y]])
; CHECK: ret { double, double } [[G]]

; CHECK-LABEL: define internal double @augmented_f(
; CHECK-SAME: double [[X:%.*]], double [[Y:%.*]], ptr [[TAPE:%.*]])
; CHECK: [[R:%.*]] = fmul double [[X]], [[Y]]
; CHECK: [[REC:%.*]] = call ptr @swad.tape.reserve(ptr [[TAPE]], i64 16)
; CHECK: store double [[X]], ptr [[REC]]
; CHECK: [[P1:%.*]] = getelementptr i8, ptr [[REC]], i64 8
; CHECK: store double [[Y]], ptr [[P1]]
; CHECK: ret double [[R]]

; CHECK-LABEL: define internal { double, double } @diffe_reverse_f(
; CHECK-SAME: ptr [[TAPE:%.*]], double [[DRET:%.*]])
; CHECK: [[REC:%.*]] = call ptr @swad.tape.pop(ptr [[TAPE]], i64 16)
; CHECK: [[X:%.*]] = load double, ptr [[REC]]
; CHECK: [[P1:%.*]] = getelementptr i8, ptr [[REC]], i64 8
; CHECK: [[Y:%.*]] = load double, ptr [[P1]]
; CHECK: [[SEED:%.*]] = fadd double {{.*}}[[DRET]]
; CHECK: [[DXC:%.*]] = fmul double [[Y]], [[SEED]]
; CHECK: [[DX:%.*]] = fadd double {{.*}}[[DXC]]
; CHECK: [[DYC:%.*]] = fmul double [[X]], [[SEED]]
; CHECK: [[DY:%.*]] = fadd double {{.*}}[[DYC]]
; CHECK: [[A:%.*]] = insertvalue { double, double } poison, double [[DX]], 0
; CHECK: [[B:%.*]] = insertvalue { double, double } [[A]], double [[DY]], 1
; CHECK: ret { double, double } [[B]]

; CHECK-LABEL: define internal { double, double } @diffef(
; CHECK-SAME: double [[X:%.*]], double [[Y:%.*]])
; CHECK: [[TAPE:%.*]] = alloca { ptr, ptr, ptr }
; CHECK: call void @swad.tape.start(ptr [[TAPE]])
; CHECK: call double @augmented_f(double [[X]], double [[Y]], ptr [[TAPE]])
; CHECK: [[ADJ:%.*]] = call { double, double } @diffe_reverse_f(ptr [[TAPE]], double 1.000000e+00)
; CHECK: call void @swad.tape.free(ptr [[TAPE]])
; CHECK: ret { double, double } [[ADJ]]
