; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; Phi adjoint transfer: the forward sweep records which predecessor control came from (each block
; that reaches the join pushes its index); the reverse sweep pops it, switches on it, and sends the
; phi's adjoint to the incoming value of that edge only.
declare double @__enzyme_autodiff(ptr, ...)

define double @f(double %x, i1 %c) {
entry:
  br i1 %c, label %then, label %else

then:
  %a = fmul double %x, 2.0
  br label %join

else:
  %b = fmul double %x, 3.0
  br label %join

join:
  %p = phi double [ %a, %then ], [ %b, %else ]
  ret double %p
}

define double @caller(double %x, i1 %c) {
entry:
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, i1 %c)
  ret double %g
}

; CHECK-LABEL: define internal double @augmented_f(
; CHECK-SAME: double [[X:%.*]], i1 [[C:%.*]], ptr [[TAPE:%.*]])
; CHECK: br i1 [[C]], label %then, label %else
; CHECK: {{^}}then:
; CHECK: [[A:%.*]] = fmul double [[X]], 2.0
; CHECK: [[R1:%.*]] = call ptr @swad.tape.reserve(ptr [[TAPE]], i64 8)
; CHECK: store i64 [[THEN:[0-9]+]], ptr [[R1]]
; CHECK: br label %join
; CHECK: {{^}}else:
; CHECK: [[B:%.*]] = fmul double [[X]], 3.0
; CHECK: [[R2:%.*]] = call ptr @swad.tape.reserve(ptr [[TAPE]], i64 8)
; CHECK: store i64 [[ELSE:[0-9]+]], ptr [[R2]]
; CHECK: br label %join
; CHECK: {{^}}join:
; CHECK: [[P:%.*]] = phi double [ [[A]], %then ], [ [[B]], %else ]
; CHECK: ret double [[P]]

; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; CHECK-SAME: ptr [[TAPE:%[a-z]+]], double [[DRET:%[a-z]+]]{{.*}})
; CHECK: {{^}}rev.join.body:
; CHECK: [[DP:%.*]] = fadd double {{.*}}[[DRET]]
; CHECK: [[REC:%.*]] = call ptr @swad.tape.pop(ptr [[TAPE]], i64 8)
; CHECK: [[FROM:%.*]] = load i64, ptr [[REC]]
; CHECK: switch i64 [[FROM]], label %unreachable [
; CHECK-DAG: i64 [[THEN]], label %rev.join.from.then
; CHECK-DAG: i64 [[ELSE]], label %rev.join.from.else
; CHECK: ]
; CHECK: {{^}}rev.join.from.else:
; CHECK-NEXT: [[DB:%.*]] = fadd double {{.*}}[[DP]]
; CHECK-NEXT: br label %rev.else
; CHECK: {{^}}rev.join.from.then:
; CHECK-NEXT: [[DA:%.*]] = fadd double {{.*}}[[DP]]
; CHECK-NEXT: br label %rev.then
; CHECK: {{^}}rev.else.body:
; CHECK: [[DXB:%.*]] = fmul double 3.0{{.*}}, [[DB]]
; CHECK: [[SB:%.*]] = fadd double {{.*}}[[DXB]]
; CHECK: {{^}}rev.then.body:
; CHECK: [[DXA:%.*]] = fmul double 2.0{{.*}}, [[DA]]
; CHECK: [[SA:%.*]] = fadd double {{.*}}[[DXA]]
; CHECK: {{^}}rev.entry:
; CHECK: [[DX:%.*]] = phi double [ [[SA]], %rev.then.body ], [ [[SB]], %rev.else.body ]
; CHECK: {{^}}exit:
; CHECK: insertvalue { double } poison, double [[DX]], 0
; CHECK: ret { double }
