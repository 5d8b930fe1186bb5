; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S --remarks 2>%t.remarks | FileCheck %s
; RUN: FileCheck %s --check-prefix=REMARK < %t.remarks
; A counted loop whose records form an array reserved before it keeps them in columns, one per
; value (SwadAD/Reverse/Gradient+RecordArrays.swift): iteration k's %acc at base + 8k, its %s at
; base + 8n + 8k, so that each sweep stores or loads each value at consecutive addresses. The
; reverse sweep finds the second column from the trip count it computes where it enters the loop.
declare double @__enzyme_autodiff(ptr, ...)
declare double @sin(double)
@enzyme_dup = external global i32
@enzyme_const = external global i32

; Π_i sin(x_i): each iteration keeps the product so far and sin(x_i).
define double @product_of_sines(ptr %x, i64 %n) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi double [ 1.0, %entry ], [ %acc.next, %loop ]
  %p = getelementptr double, ptr %x, i64 %i
  %v = load double, ptr %p
  %s = call double @sin(double %v)
  %acc.next = fmul double %acc, %s
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret double %acc.next
}

define void @caller(ptr %x, ptr %dx, i64 %n) {
entry:
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @product_of_sines, i32 %d, ptr %x, ptr %dx, i32 %c, i64 %n)
  ret void
}

; REMARK: product_of_sines: the tape keeps 16 bytes each time block %loop runs (in a loop of depth 1: per iteration, an array indexed by the iteration, a column per value, reserved before the loop): %acc (phi), %s (call){{$}}

; CHECK-LABEL: define internal double @augmented_product_of_sines(
; CHECK-SAME: ptr %x, ptr %"'x", i64 %n, ptr %tape)
; CHECK: {{^}}entry:
; CHECK-NEXT: [[BYTES:%.*]] = mul i64 %n, 16
; CHECK-NEXT: [[ARRAY:%.*]] = call ptr @swad.tape.reserve(ptr %tape, i64 [[BYTES]])
; CHECK: {{^}}loop:
; CHECK: [[FIRST:%.*]] = mul i64 %i, 8
; CHECK-NEXT: [[ACC:%.*]] = getelementptr i8, ptr [[ARRAY]], i64 [[FIRST]]
; CHECK-NEXT: [[SECOND:%.*]] = mul i64 %i, 8
; CHECK-NEXT: [[COLUMN:%.*]] = mul i64 %n, 8
; CHECK-NEXT: [[AT:%.*]] = add i64 [[SECOND]], [[COLUMN]]
; CHECK-NEXT: [[S:%.*]] = getelementptr i8, ptr [[ARRAY]], i64 [[AT]]
; CHECK-NEXT: store double %acc, ptr [[ACC]], align 8
; CHECK-NEXT: store double %s, ptr [[S]], align 8
; CHECK-NOT: @swad.tape.reserve
; CHECK: {{^}}exit:

; CHECK-LABEL: define internal void @diffe_reverse_product_of_sines(
; CHECK: {{^}}rev.exit.enter.loop:
; CHECK: [[COUNT:%.*]] = add i64 {{%.*}}, 1
; CHECK-NEXT: [[BYTES:%.*]] = mul i64 [[COUNT]], 16
; CHECK-NEXT: [[ARRAY:%.*]] = call ptr @swad.tape.pop(ptr %tape, i64 [[BYTES]])
; CHECK: {{^}}rev.loop:
; CHECK-NEXT: [[K:%.*]] = phi i64
; CHECK: [[FIRST:%.*]] = mul i64 [[K]], 8
; CHECK-NEXT: [[ACC:%.*]] = getelementptr i8, ptr [[ARRAY]], i64 [[FIRST]]
; CHECK-NEXT: [[SECOND:%.*]] = mul i64 [[K]], 8
; CHECK-NEXT: [[COLUMN:%.*]] = mul i64 [[COUNT]], 8
; CHECK-NEXT: [[AT:%.*]] = add i64 [[SECOND]], [[COLUMN]]
; CHECK-NEXT: [[S:%.*]] = getelementptr i8, ptr [[ARRAY]], i64 [[AT]]
; CHECK-NEXT: load double, ptr [[ACC]], align 8
; CHECK-NEXT: load double, ptr [[S]], align 8
; CHECK-NOT: @swad.tape.pop
; CHECK: ret void
