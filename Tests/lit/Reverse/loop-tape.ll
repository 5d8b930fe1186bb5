; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; A loop: the value the reverse sweep needs that changes each iteration (the running product %acc)
; is pushed in a record per iteration of the forward sweep (@swad.tape.reserve inside the loop) and
; popped per iteration of the reverse sweep (@swad.tape.pop inside the reversed loop). A value that
; does not change (%x, an argument) the reverse function takes again; the counter's last value is saved
; once: the reverse sweep steps the counter back instead of reading the path from the tape. The counter
; gets no adjoint.
declare double @__enzyme_autodiff(ptr, ...)
@enzyme_const = external global i32

define double @power(double %x, i64 %n) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi double [ 1.0, %entry ], [ %acc.next, %loop ]
  %acc.next = fmul double %acc, %x
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret double %acc.next
}

define double @caller(double %x, i64 %n) {
entry:
  %c = load i32, ptr @enzyme_const
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @power, double %x, i32 %c, i64 %n)
  ret double %g
}

; CHECK-LABEL: define double @caller(
; CHECK: call { double } @diffepower(double %x, i64 %n)

; CHECK-LABEL: define internal double @augmented_power(
; CHECK-SAME: double [[X:%.*]], i64 [[N:%.*]], ptr [[TAPE:%.*]])
; CHECK: {{^}}loop:
; CHECK: [[ACC:%.*]] = phi double [ 1.000000e+00, %entry ], [ [[NEXT:%.*]], %loop ]
; CHECK: [[NEXT]] = fmul double [[ACC]], [[X]]
; CHECK: [[REC:%.*]] = call ptr @swad.tape.reserve(ptr [[TAPE]], i64 {{[0-9]+}})
; CHECK: store double [[ACC]], ptr [[REC]]
; CHECK: br i1 {{%.*}}, label %exit, label %loop
; CHECK: {{^}}exit:
; CHECK: [[ONCE:%.*]] = call ptr @swad.tape.reserve(ptr [[TAPE]], i64 8)
; CHECK: store i64 %i, ptr [[ONCE]]
; CHECK: ret double [[NEXT]]

; CHECK-LABEL: define internal { double } @diffe_reverse_power(
; CHECK-SAME: ptr [[TAPE:%.*]], double [[DRET:%.*]], double [[X:%.*]], i64 [[N:%.*]])
; CHECK: [[ONCE:%.*]] = call ptr @swad.tape.pop(ptr [[TAPE]], i64 8)
; CHECK: [[LAST:%.*]] = load i64, ptr [[ONCE]]
; CHECK: {{^}}rev.loop:
; CHECK: [[DX:%.*]] = phi double [ -0.000000e+00, {{.*}} ], [ [[DXNEXT:%.*]], {{.*}} ]
; CHECK: [[I:%.*]] = phi i64 [ [[LAST]], {{.*}} ], [ [[IPREV:%.*]], %rev.loop.back ]
; CHECK: [[DACC:%.*]] = phi double
; CHECK: [[REC:%.*]] = call ptr @swad.tape.pop(ptr [[TAPE]], i64 8)
; CHECK: [[ACC:%.*]] = load double, ptr [[REC]]
; CHECK: {{^}}rev.loop.body:
; CHECK: [[DACCPREV:%.*]] = fmul double [[X]], [[DACC]]
; CHECK: [[DXC:%.*]] = fmul double [[ACC]], [[DACC]]
; CHECK: [[DXNEXT]] = fadd double [[DX]], [[DXC]]
; CHECK: [[MORE:%.*]] = icmp ne i64 [[I]], 0
; CHECK: br i1 [[MORE]], label %rev.loop.back, label %rev.loop.out
; CHECK: [[IPREV]] = sub i64 [[I]], 1
; CHECK: {{^}}exit:
; CHECK: [[G:%.*]] = insertvalue { double } poison, double [[DXNEXT]], 0
; CHECK: ret { double } [[G]]
