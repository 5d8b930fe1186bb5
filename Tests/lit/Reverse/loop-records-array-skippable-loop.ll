; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S --remarks 2>%t.remarks | FileCheck %s
; RUN: FileCheck %s --check-prefix=REMARK < %t.remarks
; A counted loop entered from a block that may also skip it (no dedicated preheader: optimized
; input keeps few) has its array reserved in that block only when the branch enters the loop: when
; it skips it, the reservation is of no bytes, since no reverse sweep of the loop pops it.
declare double @__enzyme_autodiff(ptr, ...)
declare double @llvm.sin.f64(double)
@enzyme_const = external global i32

define double @maybe_product(ptr %v, i64 %n, double %x, i1 %skip) {
entry:
  br i1 %skip, label %exit, label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi double [ 1.0, %entry ], [ %acc.times, %loop ]
  %p = getelementptr double, ptr %v, i64 %i
  %y = load double, ptr %p
  %xy = fmul double %x, %y
  %s = call double @llvm.sin.f64(double %xy)
  %acc.times = fmul double %acc, %s
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  %r = phi double [ 1.0, %entry ], [ %acc.times, %loop ]
  ret double %r
}

define double @caller(ptr %v, i64 %n, double %x, i1 %skip) {
entry:
  %c = load i32, ptr @enzyme_const
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @maybe_product, i32 %c, ptr %v, i32 %c, i64 %n, double %x,
                                                 i32 %c, i1 %skip)
  ret double %g
}

; REMARK: maybe_product: the tape keeps 16 bytes each time block %loop runs (in a loop of depth 1: per iteration, an array indexed by the iteration, a column per value, reserved before the loop)

; CHECK-LABEL: define internal double @augmented_maybe_product(
; CHECK: {{^}}entry:
; CHECK-NEXT: [[BYTES:%.*]] = mul i64 %n, 16
; CHECK-NEXT: [[ENTERED:%.*]] = select i1 %skip, i64 0, i64 [[BYTES]]
; CHECK-NEXT: [[ARRAY:%.*]] = call ptr @swad.tape.reserve(ptr %tape, i64 [[ENTERED]])
; CHECK-NEXT: br i1 %skip, label %exit, label %loop
; CHECK: {{^}}loop:
; CHECK-NOT: @swad.tape.reserve
; CHECK: getelementptr i8, ptr [[ARRAY]]
; CHECK: store double %acc
; CHECK: ret double
