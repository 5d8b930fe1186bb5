; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; Reverse adjoint of fdiv: for r = x / y, x̄ += r̄ / y (as (1/y)·r̄) and ȳ -= (r / y)·r̄.

declare { double, double } @__enzyme_autodiff(ptr, ...)

define double @f(double %x, double %y) {
entry:
  %r = fdiv double %x, %y
  ret double %r
}

define { double, double } @caller(double %x, double %y) {
entry:
  %g = call { double, double } (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, double %y)
  ret { double, double } %g
}

; CHECK-LABEL: define { double, double } @caller(
; CHECK: call { double, double } @diffef(

; CHECK-LABEL: define internal double @augmented_f(
; CHECK-SAME: double [[X:%.*]], double [[Y:%.*]], ptr [[TAPE:%.*]])
; CHECK: [[R:%.*]] = fdiv double [[X]], [[Y]]
; CHECK: [[REC:%.*]] = call ptr @swad.tape.reserve(ptr [[TAPE]], i64 8)
; CHECK: store double [[R]], ptr [[REC]]
; CHECK: ret double [[R]]

; CHECK-LABEL: define internal { double, double } @diffe_reverse_f(
; CHECK-SAME: ptr [[TAPE:%.*]], double [[DRET:%.*]], double [[X:%.*]], double [[Y:%.*]])
; CHECK: [[REC:%.*]] = call ptr @swad.tape.pop(ptr [[TAPE]], i64 8)
; CHECK: [[R:%.*]] = load double, ptr [[REC]]
; CHECK: [[SEED:%.*]] = fadd reassoc nsz contract double {{.*}}[[DRET]]
; CHECK: [[INV:%.*]] = fdiv double 1.000000e+00, [[Y]]
; CHECK: [[DXC:%.*]] = fmul contract double [[INV]], [[SEED]]
; CHECK: [[DX:%.*]] = fadd reassoc nsz contract double {{.*}}[[DXC]]
; CHECK: [[NR:%.*]] = fneg double [[R]]
; CHECK: [[Q:%.*]] = fdiv double [[NR]], [[Y]]
; CHECK: [[DYC:%.*]] = fmul contract double [[Q]], [[SEED]]
; CHECK: [[DY:%.*]] = fadd reassoc nsz contract double {{.*}}[[DYC]]
; CHECK: [[A:%.*]] = insertvalue { double, double } poison, double [[DX]], 0
; CHECK: insertvalue { double, double } [[A]], double [[DY]], 1
