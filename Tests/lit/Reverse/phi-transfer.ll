; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; Phi adjoint transfer: the reverse sweep sends the phi's adjoint to the incoming value of the edge
; control came along only. Which edge that was, the branch that decided it tells: its condition (an
; argument here) is available to the reverse sweep, so it branches on it again instead of reading a
; block index from the tape (`Gradient+DecidedMerges`; a branch on a value the reverse sweep cannot
; recompute pushes indices: Reverse/merge-decided-by-branch.ll).
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
; CHECK-NOT: @swad.tape.reserve
; CHECK: br label %join
; CHECK: {{^}}else:
; CHECK: [[B:%.*]] = fmul double [[X]], 3.0
; CHECK-NOT: @swad.tape.reserve
; CHECK: br label %join
; CHECK: {{^}}join:
; CHECK: [[P:%.*]] = phi double [ [[A]], %then ], [ [[B]], %else ]
; CHECK: ret double [[P]]

; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; CHECK-SAME: ptr [[TAPE:%[a-z]+]], double [[DRET:%[a-z]+]], double [[X:%[a-z]+]], i1 [[C:%[a-z]+]])
; CHECK: {{^}}rev.join.body:
; CHECK: [[DP:%.*]] = fadd reassoc nsz contract double {{.*}}[[DRET]]
; CHECK-NOT: @swad.tape.pop
; CHECK: br i1 [[C]], label %rev.join.from.then, label %rev.join.from.else
; CHECK: {{^}}rev.join.from.then:
; CHECK-NEXT: [[DA:%.*]] = fadd reassoc nsz contract double {{.*}}[[DP]]
; CHECK-NEXT: br label %rev.then
; CHECK: {{^}}rev.join.from.else:
; CHECK-NEXT: [[DB:%.*]] = fadd reassoc nsz contract double {{.*}}[[DP]]
; CHECK-NEXT: br label %rev.else
