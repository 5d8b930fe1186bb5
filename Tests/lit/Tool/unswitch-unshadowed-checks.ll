; The run-time checks of reads and writes through shadows that may be their primals
; (Support/UnshadowedMemory.swift) test conditions fixed before the loop that contains them: the
; function is marked for the unswitching stage, which copies the loop once per outcome, so that the
; copy in which every shadow is real runs no check and can vectorize (an Eigen MLP's loop of tanh
; over a matrix, three such tests, called libmvec's vector tanh only then). default<O0> shows the
; stage's output (it only inlines the sweeps into the wrapper, and the checks into the loops).
; RUN: %swad-opt %s --pre-passes '' --passes='default<O0>' -S | FileCheck %s
; The stage's size limit is swad's tuning: the command line's own wins (at 1, no loop is copied).
; RUN: %swad-opt %s --pre-passes '' --passes='default<O0>' -mllvm -unswitch-threshold=1 -S | FileCheck %s --check-prefix=LIMITED
; LIMITED-LABEL: define internal void @diffef(
; LIMITED-NOT: split.us
; LIMITED: ret void
; Without the stage (a pipeline given by hand), the checks stay in the one loop: the read behind a
; branch on its condition.
; RUN: %swad-opt %s --pre-passes '' --passes=verify -S | FileCheck %s --check-prefix=BYHAND

declare void @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32
@enzyme_const = external global i32

; q[i] = p[i]² for i < n, p = x or the constant c, q = out or c.
define void @f(ptr %x, ptr %c, ptr %out, i1 %useX, i64 %n) {
entry:
  %p = select i1 %useX, ptr %x, ptr %c
  %q = select i1 %useX, ptr %out, ptr %c
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %pi = getelementptr inbounds double, ptr %p, i64 %i
  %v = load double, ptr %pi
  %s = fmul double %v, %v
  %qi = getelementptr inbounds double, ptr %q, i64 %i
  store double %s, ptr %qi
  %i.next = add nuw nsw i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop
exit:
  ret void
}

define void @gradient(ptr %x, ptr %dx, ptr %c, ptr %out, ptr %dout, i1 %useX, i64 %n) {
  %dup = load i32, ptr @enzyme_dup
  %const = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %dup, ptr %x, ptr %dx, i32 %const, ptr %c, i32 %dup, ptr %out, ptr %dout, i32 %const, i1 %useX, i64 %n)
  ret void
}

; Four copies of the forward loop: with both checks, with the read's, with the write's, and with none.
; CHECK-LABEL: define internal void @diffef(
; CHECK: br i1 %shadow.is.primal{{[.0-9a-z]*}}, label %entry.split.us{{[.0-9a-z]*}}, label %entry.split{{[.0-9a-z]*}}
; CHECK: call void @swad.unshadowed.scan(
; CHECK: call void @swad.unshadowed.write(
; CHECK: call void @swad.unshadowed.scan(
; CHECK: call void @swad.unshadowed.write(
; CHECK: entry.split.split{{[.0-9a-z]*}}:
; CHECK-NEXT: br label %[[FAST:loop[.0-9a-z]*]]
; CHECK: [[FAST]]:
; CHECK-NOT: @swad.unshadowed
; CHECK: br i1 %done{{[.0-9a-z]*}}, label %exit.split.split{{[.0-9a-z]*}}, label %[[FAST]]
; CHECK-NOT: swad-versioned-loops

; BYHAND-LABEL: define internal void @augmented_f(
; BYHAND: loop:
; BYHAND: %shadow.is.primal = icmp eq ptr %"'pi", %pi
; BYHAND-NEXT: br i1 %shadow.is.primal, label %unshadowed.check, label %unshadowed.check.done
; BYHAND: unshadowed.check:
; BYHAND-NEXT: call void @swad.unshadowed.read(
; BYHAND-NOT: swad-versioned-loops
