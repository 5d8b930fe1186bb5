; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; RUN: %swad-opt %s -S | FileCheck %s --check-prefix=O2
; The tape's buffer is memory the program never reaches, and after AD every load and store says on
; which side it is (`Reverse/TapeAliasScopes`): an access through a tape record (the forward sweep's
; cached exp(x[i]), the shadow pointer kept for the reverse sweep, and their reloads) is in the scope
; `swad.tape.buffer`; an access through the program's pointers (x, and the shadow dx, loaded from the
; tape but pointing at the program's memory) has that scope in its `!noalias` list.
; With that, the reverse loop, which reads the cached values from the tape and adds to dx, is
; vectorized without a run-time check that the tape and dx do not overlap (x and dx are `noalias`,
; so no check is left at all); before, the vectorizer guarded the loop with one.
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

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: [[CACHE:%.*]] = call ptr @swad.tape.reserve(
; CHECK: {{^}}loop:
; CHECK: load double, ptr %p, align 8, !noalias [[TAPE:![0-9]+]]
; CHECK: [[SLOT:%.*]] = getelementptr i8, ptr [[CACHE]]
; CHECK: store double %e, ptr [[SLOT]], align 8, !alias.scope [[TAPE]]
; CHECK: {{^}}exit:
; CHECK: [[RECORD:%.*]] = call ptr @swad.tape.reserve(
; CHECK: store ptr %"'x", ptr [[RECORD]], align 8, !alias.scope [[TAPE]]

; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: [[RECORD:%.*]] = call ptr @swad.tape.pop(
; CHECK: [[DX:%.*]] = load ptr, ptr [[RECORD]], align 8, !alias.scope [[TAPE]]
; CHECK: [[CACHE:%.*]] = call ptr @swad.tape.pop(
; CHECK: {{^}}rev.loop:
; CHECK: [[SLOT:%.*]] = getelementptr i8, ptr [[CACHE]]
; CHECK: load double, ptr [[SLOT]], align 8, !alias.scope [[TAPE]]
; CHECK: [[X:%.*]] = getelementptr inbounds double, ptr %x
; CHECK: load double, ptr [[X]], align 8, !noalias [[TAPE]]
; CHECK: [[DXI:%.*]] = getelementptr inbounds double, ptr [[DX]]
; CHECK: [[OLD:%.*]] = load double, ptr [[DXI]], align 8, !noalias [[TAPE]]
; CHECK: store double {{%.*}}, ptr [[DXI]], align 8, !noalias [[TAPE]]

; CHECK: [[TAPE]] = !{[[SCOPE:![0-9]+]]}
; CHECK: [[SCOPE]] = !{!"swad.tape.buffer", [[DOMAIN:![0-9]+]]}
; CHECK: [[DOMAIN]] = !{!"swad.tape"}

; O2-LABEL: define void @g(
; O2-NOT: found.conflict
; O2: vector.body:
; O2-NOT: found.conflict
; O2: ret void
