; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; A loop: the value the reverse sweep needs that changes each iteration (the running product %acc)
; is kept in an array with one element per iteration (`Gradient+RecordArrays`): the forward sweep
; reserves it before the loop, n elements (the exit test `i + 1 == n` gives the trip count), and
; stores iteration i's value at element i; the reverse sweep pops the array in one piece where it
; enters the loop (its size from the counter's last value, saved once) and reads element i in the
; iteration whose counter is i. Neither loop touches the tape's top. The counter's last value, where
; the reverse sweep starts stepping it back, comes from the exit test too (n − 1), not from the tape.
; A value that does not change (%x, an argument) the reverse function takes again. The counter gets
; no adjoint.
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
; CHECK: [[BYTES:%.*]] = mul i64 [[N]], 8
; CHECK: [[ARRAY:%.*]] = call ptr @swad.tape.reserve(ptr [[TAPE]], i64 [[BYTES]])
; CHECK: {{^}}loop:
; CHECK: [[I:%.*]] = phi i64 [ 0, %entry ]
; CHECK: [[ACC:%.*]] = phi double [ 1.000000e+00, %entry ], [ [[NEXT:%.*]], %loop ]
; CHECK: [[NEXT]] = fmul double [[ACC]], [[X]]
; CHECK-NOT: @swad.tape.reserve
; CHECK: [[OFFSET:%.*]] = mul i64 [[I]], 8
; CHECK: [[ELEMENT:%.*]] = getelementptr i8, ptr [[ARRAY]], i64 [[OFFSET]]
; CHECK: store double [[ACC]], ptr [[ELEMENT]]
; CHECK: br i1 {{%.*}}, label %exit, label %loop
; CHECK: {{^}}exit:
; CHECK-NOT: @swad.tape.reserve
; CHECK: ret double [[NEXT]]

; CHECK-LABEL: define internal { double } @diffe_reverse_power(
; CHECK-SAME: ptr [[TAPE:%.*]], double [[DRET:%.*]], double [[X:%.*]], i64 [[N:%.*]])
; CHECK: {{^}}rev.exit.enter.loop:
; CHECK: [[LAST:%.*]] = sub i64 [[N]], 1
; CHECK: [[COUNT:%.*]] = add i64 [[LAST]], 1
; CHECK: [[BYTES:%.*]] = mul i64 [[COUNT]], 8
; CHECK: [[ARRAY:%.*]] = call ptr @swad.tape.pop(ptr [[TAPE]], i64 [[BYTES]])
; CHECK: {{^}}rev.loop:
; CHECK: [[DX:%.*]] = phi double [ -0.000000e+00, {{.*}} ], [ [[DXNEXT:%.*]], {{.*}} ]
; CHECK: [[I:%.*]] = phi i64 [ [[LAST]], {{.*}} ], [ [[IPREV:%.*]], %rev.loop.back ]
; CHECK: [[DACC:%.*]] = phi double
; CHECK-NOT: @swad.tape.pop
; CHECK: [[OFFSET:%.*]] = mul i64 [[I]], 8
; CHECK: [[ELEMENT:%.*]] = getelementptr i8, ptr [[ARRAY]], i64 [[OFFSET]]
; CHECK: [[ACC:%.*]] = load double, ptr [[ELEMENT]]
; CHECK: {{^}}rev.loop.body:
; CHECK: [[DACCPREV:%.*]] = fmul contract double [[X]], [[DACC]]
; CHECK: [[DXC:%.*]] = fmul contract double [[ACC]], [[DACC]]
; CHECK: [[DXNEXT]] = fadd reassoc nsz contract double [[DX]], [[DXC]]
; CHECK: [[MORE:%.*]] = icmp ne i64 [[I]], 0
; CHECK: br i1 [[MORE]], label %rev.loop.back, label %rev.loop.out
; CHECK: [[IPREV]] = sub i64 [[I]], 1
; CHECK: {{^}}exit:
; CHECK: [[G:%.*]] = insertvalue { double } poison, double [[DXNEXT]], 0
; CHECK: ret { double } [[G]]
