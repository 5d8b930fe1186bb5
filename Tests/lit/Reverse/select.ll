; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; Reverse adjoint of select: the seed goes to the operand the primal selected (x̄ += c ? r̄ : 0,
; ȳ += c ? 0 : r̄); the condition is saved by the forward sweep, not recomputed.
declare { double, double } @__enzyme_autodiff(ptr, ...)

define double @f(double %x, double %y) {
entry:
  %c = fcmp ogt double %x, %y
  %m = select i1 %c, double %x, double %y
  ret double %m
}

define { double, double } @caller(double %x, double %y) {
entry:
  %g = call { double, double } (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, double %y)
  ret { double, double } %g
}

; CHECK-LABEL: define internal double @augmented_f(
; CHECK-SAME: double [[X:%.*]], double [[Y:%.*]], ptr [[TAPE:%.*]])
; CHECK: [[C:%.*]] = fcmp ogt double [[X]], [[Y]]
; CHECK: [[M:%.*]] = select i1 [[C]], double [[X]], double [[Y]]
; CHECK: [[REC:%.*]] = call ptr @swad.tape.reserve(ptr [[TAPE]], i64 8)
; CHECK: store i1 [[C]], ptr [[REC]]
; CHECK: ret double [[M]]

; CHECK-LABEL: define internal { double, double } @diffe_reverse_f(
; CHECK-SAME: ptr [[TAPE:%[a-z]+]], double [[DRET:%[a-z]+]]{{.*}})
; CHECK: [[REC:%.*]] = call ptr @swad.tape.pop(ptr [[TAPE]], i64 8)
; CHECK: [[C:%.*]] = load i1, ptr [[REC]]
; CHECK: [[DM:%.*]] = fadd reassoc nsz contract double {{.*}}[[DRET]]
; CHECK: [[SX:%.*]] = select i1 [[C]], double [[DM]], double 0.000000e+00
; CHECK: [[DX:%.*]] = fadd reassoc nsz contract double {{.*}}[[SX]]
; CHECK: [[SY:%.*]] = select i1 [[C]], double 0.000000e+00, double [[DM]]
; CHECK: [[DY:%.*]] = fadd reassoc nsz contract double {{.*}}[[SY]]
; CHECK: [[A:%.*]] = insertvalue { double, double } poison, double [[DX]], 0
; CHECK: insertvalue { double, double } [[A]], double [[DY]], 1
