; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; Recursion: the augmented function calls itself (each level pushes its own record onto the one
; shared tape after its callee's), and the reverse function calls itself in the reversed order.
; With two returns, the epilogue records which one was taken and the reverse sweep starts there.
@enzyme_const = external global i32
declare double @__enzyme_autodiff(ptr, ...)

; pow_rec(x, n) = n == 0 ? 1 : x * pow_rec(x, n - 1)
define double @pow_rec(double %x, i32 %n) {
entry:
  %z = icmp eq i32 %n, 0
  br i1 %z, label %base, label %step

base:
  ret double 1.0

step:
  %m = sub i32 %n, 1
  %p = call double @pow_rec(double %x, i32 %m)
  %r = fmul double %x, %p
  ret double %r
}

define double @caller(double %x, i32 %n) {
entry:
  %c = load i32, ptr @enzyme_const
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @pow_rec, double %x, i32 %c, i32 %n)
  ret double %g
}

; CHECK-LABEL: define double @caller(
; CHECK: call { double } @diffepow_rec(double %x, i32 %n)

; CHECK-LABEL: define internal double @augmented_pow_rec(
; CHECK-SAME: double [[X:%.*]], i32 [[N:%.*]], ptr [[TAPE:%.*]])
; CHECK: {{^}}base:
; CHECK: [[R1:%.*]] = call ptr @swad.tape.reserve(ptr [[TAPE]]
; CHECK: store i64 [[BASE:[0-9]+]], ptr
; CHECK: ret double 1.0
; CHECK: {{^}}step:
; CHECK: [[M:%.*]] = sub i32 [[N]], 1
; CHECK: [[P:%.*]] = call double @augmented_pow_rec(double [[X]], i32 [[M]], ptr [[TAPE]])
; CHECK: [[R:%.*]] = fmul double [[X]], [[P]]
; CHECK: call ptr @swad.tape.reserve(ptr [[TAPE]]
; CHECK: store double [[P]], ptr
; CHECK: store i64 [[STEP:[0-9]+]], ptr
; CHECK: ret double [[R]]

; CHECK-LABEL: define internal { double } @diffe_reverse_pow_rec(
; CHECK-SAME: ptr [[TAPE:%.*]], double [[DRET:%.*]], double [[X:%.*]], i32 [[N:%.*]])
; CHECK: [[REC:%.*]] = call ptr @swad.tape.pop(ptr [[TAPE]]
; CHECK: [[P:%.*]] = load double, ptr [[REC]]
; CHECK: [[M:%.*]] = load i32, ptr
; CHECK: [[WHICH:%.*]] = load i64, ptr
; CHECK: switch i64 [[WHICH]], label %unreachable [
; CHECK-DAG: i64 [[BASE]], label %rev.base
; CHECK-DAG: i64 [[STEP]], label %rev.step
; CHECK: {{^}}rev.step.body:
; CHECK: [[DR:%.*]] = fadd reassoc nsz contract double {{.*}}[[DRET]]
; CHECK: [[T1:%.*]] = fmul contract double [[P]], [[DR]]
; CHECK: [[DX1:%.*]] = fadd reassoc nsz contract double {{.*}}[[T1]]
; CHECK: [[T2:%.*]] = fmul contract double [[X]], [[DR]]
; CHECK: [[DP:%.*]] = fadd reassoc nsz contract double {{.*}}[[T2]]
; CHECK: [[G:%.*]] = call { double } @diffe_reverse_pow_rec(ptr [[TAPE]], double [[DP]], double [[X]], i32 [[M]])
; CHECK: [[GX:%.*]] = extractvalue { double } [[G]], 0
; CHECK: [[DX2:%.*]] = fadd reassoc nsz contract double [[DX1]], [[GX]]
; CHECK: {{^}}rev.entry:
; CHECK: [[DX:%.*]] = phi double [ -0.000000e+00, %rev.base.body ], [ [[DX2]], %rev.step.body ]
; CHECK: insertvalue { double } poison, double [[DX]], 0
