; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; RUN: %swad-opt %s -S | FileCheck %s --check-prefix=O2
; A tape reservation stores the tape's new top as `record + bytes` on both of its paths (the
; buffer fits, or `swad.tape.grow` moved it), so that the optimizer, once the reservation is
; inlined, sees that a pop right after it returns `record` itself. Where the forward sweep's last
; record meets the reverse sweep's first pop (a gradient whose sweeps are in one function), the
; values go straight across instead of through memory: the reverse loop adds to the shadow dx
; through dx itself, not through a pointer reloaded from the tape, so the optimizer knows what it
; points to.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external global i32
@enzyme_const = external global i32

define double @f(ptr noalias %x, i64 %n) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %s = phi double [ 0.0, %entry ], [ %s.next, %loop ]
  %p = getelementptr inbounds double, ptr %x, i64 %i
  %v = load double, ptr %p
  %e = call double @exp(double %v)
  %s.next = call double @llvm.fmuladd.f64(double %e, double %v, double %s)
  %i.next = add nuw nsw i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret double %s.next
}

declare double @exp(double) nounwind memory(none)
declare double @llvm.fmuladd.f64(double, double, double)
declare double @__enzyme_autodiff(ptr, ...)

define void @g(ptr noalias %x, ptr noalias %dx, i64 %n) {
  %dup = load i32, ptr @enzyme_dup
  %const = load i32, ptr @enzyme_const
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %dup, ptr %x, ptr %dx, i32 %const, i64 %n)
  ret void
}

; CHECK-LABEL: define internal ptr @swad.tape.reserve(
; CHECK-SAME: ptr [[TAPE:%.*]], i64 [[BYTES:%.*]])
; CHECK: [[TOPFIELD:%.*]] = getelementptr { ptr, ptr, ptr }, ptr [[TAPE]], i32 0, i32 1
; CHECK: [[TOP:%.*]] = load ptr, ptr [[TOPFIELD]]
; CHECK: br i1 {{%.*}}, label %fits, label %grow
; CHECK: {{^}}fits:
; CHECK-NEXT: br label %reserved
; CHECK: {{^}}grow:
; CHECK-NEXT: [[GROWN:%.*]] = call ptr @swad.tape.grow(ptr [[TAPE]], i64 [[BYTES]])
; CHECK-NEXT: br label %reserved
; CHECK: {{^}}reserved:
; CHECK-NEXT: [[RECORD:%.*]] = phi ptr [ [[TOP]], %fits ], [ [[GROWN]], %grow ]
; CHECK-NEXT: [[NEWTOP:%.*]] = getelementptr i8, ptr [[RECORD]], i64 [[BYTES]]
; CHECK-NEXT: store ptr [[NEWTOP]], ptr [[TOPFIELD]]
; CHECK-NEXT: ret ptr [[RECORD]]

; O2-LABEL: define void @g(
; O2-SAME: ptr noalias readonly captures(none) %x, ptr noalias %dx, i64 %n)
; O2: vector.body:
; O2: getelementptr {{.*}}double, ptr %dx, i64
; O2: ret void
