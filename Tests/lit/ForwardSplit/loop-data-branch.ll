; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; A loop with a branch on loaded data: the augmented primal records x[i] each iteration; the tangent
; reads it back each iteration and takes the same branch by recomputing the comparison from it. The
; counter and the exit test are recomputed from n (an argument), so they are not recorded, and the
; primal accumulator, which the tangent does not need, is gone from it.
declare ptr @__enzyme_augmentfwd(ptr, ...)
declare double @__enzyme_fwdsplit(ptr, ...)
@enzyme_const = external global i32

define double @f(ptr %x, i64 %n) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %latch ]
  %s = phi double [ 0.0, %entry ], [ %s.next, %latch ]
  %p = getelementptr double, ptr %x, i64 %i
  %v = load double, ptr %p
  %positive = fcmp ogt double %v, 0.0
  br i1 %positive, label %square, label %latch

square:
  %sq = fmul double %v, %v
  br label %latch

latch:
  %term = phi double [ %sq, %square ], [ %v, %loop ]
  %s.next = fadd double %s, %term
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret double %s.next
}

define double @caller(ptr %x, ptr %dx, i64 %n) {
entry:
  %c = load i32, ptr @enzyme_const
  %tape = call ptr (ptr, ...) @__enzyme_augmentfwd(ptr @f, ptr %x, ptr %dx, i32 %c, i64 %n)
  %c2 = load i32, ptr @enzyme_const
  %t = call double (ptr, ...) @__enzyme_fwdsplit(ptr @f, ptr %x, ptr %dx, i32 %c2, i64 %n, ptr %tape)
  ret double %t
}

; CHECK-LABEL: define internal { double, double } @fwdsplit_f(
; CHECK-SAME: ptr [[X:%.*]], ptr [[DX:%.*]], i64 [[N:%.*]])
; CHECK: {{^}}loop:
; CHECK-NOT: phi double [ 0.000000e+00, %entry ], [ %s.next
; CHECK: [[AT:%.*]] = phi ptr
; CHECK: [[V:%.*]] = load double, ptr [[AT]], align 8
; CHECK-NEXT: getelementptr i8, ptr [[AT]], i64 8
; CHECK: [[DV:%.*]] = load double, ptr
; CHECK: [[POS:%.*]] = fcmp ogt double [[V]], 0.000000e+00
; CHECK: br i1 [[POS]], label %square, label %latch
; CHECK: {{^}}square:
; CHECK: fmul contract double [[V]], [[DV]]
; CHECK: {{^}}latch:
; CHECK-NOT: load double
; CHECK: [[DONE:%.*]] = icmp eq i64 {{%.*}}, [[N]]
; CHECK: br i1 [[DONE]], label %exit, label %loop

; CHECK-LABEL: define internal double @augmented_fwdsplit_f(
; CHECK: {{^}}loop:
; CHECK: [[V:%.*]] = load double, ptr
; CHECK-NEXT: [[REC:%.*]] = call ptr @swad.tape.reserve(ptr {{%.*}}, i64 8)
; CHECK-NEXT: store double [[V]], ptr [[REC]], align 8
; CHECK: {{^}}latch:
; CHECK-NOT: @swad.tape.reserve
; CHECK: ret double
