; Before a standard post-AD pipeline, the reverse loops that test in every iteration a flag set
; before they start (here the overlap check of x̄[i]'s pending sum, `Gradient+RotatedAdjoints`) are
; unswitched: one copy sums in a register, the other adds to memory, and the test runs once, before
; the loop. default<O0> (which only inlines the sweeps into the wrapper) shows the stage's output.
; RUN: %swad-opt %s --pre-passes '' --passes='default<O0>' -S | FileCheck %s
; A pipeline given by hand gets the loop as AD made it, with the test in every iteration.
; RUN: %swad-opt %s --pre-passes '' --passes=verify -S | FileCheck %s --check-prefix=BYHAND
; The stages, in order.
; RUN: %swad-opt --print-pipeline | FileCheck %s --check-prefix=STAGES

; CHECK-LABEL: define internal void @diffef(
; CHECK:       rev.outer.latch{{.*}}:
; CHECK:       [[APART:%[0-9]+]] = or i1
; CHECK:       br i1 [[APART]], label %[[SUMMED:rev[.a-z]*.us[.a-z0-9]*]], label %[[MEMORY:rev.outer.latch.split[.a-z0-9]*]]
; CHECK:       [[SUMMED]]:
; CHECK:       %[[PENDING:pending[.0-9a-z]*]] = phi double [ [[NEXT:%[0-9]+]], %{{.*}} ], [ -0.000000e+00, %[[SUMMED]] ]
; CHECK-NOT:   store
; CHECK:       [[NEXT]] = fadd reassoc nsz contract double %[[PENDING]],
; CHECK-NOT:   store
; CHECK:       br i1
; CHECK:       [[MEMORY]]:
; CHECK:       store double
; CHECK-NOT:   swad-versioned-loops

; BYHAND-LABEL: define internal void @diffe_reverse_f(
; BYHAND:       [[FLAG:%[0-9]+]] = load i1, ptr %rotated
; BYHAND-NEXT:  br i1 [[FLAG]], label %rotated.add, label %memory.add
; BYHAND-NOT:   swad-versioned-loops

; STAGES:      derivatives-out-of-line(>500 instructions, >150 if only derivatives call them)
; STAGES-NEXT: unswitch-versioned-loops
; STAGES-NEXT: sweeps-into-wrappers
; STAGES-NEXT: jam-reduction-loops(8 outer iterations side by side)

declare void @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32
@enzyme_const = external global i32

; out[j] += l[j] * x[i] for i, j < n: x[i] stays in the inner loop, as out may alias x.
define void @f(ptr %x, ptr %l, ptr %out, i64 %n) {
entry:
  br label %outer
outer:
  %i = phi i64 [ 0, %entry ], [ %i.next, %outer.latch ]
  %xi.p = getelementptr inbounds double, ptr %x, i64 %i
  br label %inner
inner:
  %j = phi i64 [ 0, %outer ], [ %j.next, %inner ]
  %xi = load double, ptr %xi.p
  %lj.p = getelementptr inbounds double, ptr %l, i64 %j
  %lj = load double, ptr %lj.p
  %t = fmul double %lj, %xi
  %oj.p = getelementptr inbounds double, ptr %out, i64 %j
  %oj = load double, ptr %oj.p
  %s = fadd double %oj, %t
  store double %s, ptr %oj.p
  %j.next = add nuw nsw i64 %j, 1
  %j.done = icmp eq i64 %j.next, %n
  br i1 %j.done, label %outer.latch, label %inner
outer.latch:
  %i.next = add nuw nsw i64 %i, 1
  %i.done = icmp eq i64 %i.next, %n
  br i1 %i.done, label %exit, label %outer
exit:
  ret void
}

define void @gradient(ptr %x, ptr %dx, ptr %l, ptr %out, ptr %dout, i64 %n) {
  %dup = load i32, ptr @enzyme_dup
  %const = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %dup, ptr %x, ptr %dx, i32 %const, ptr %l, i32 %dup, ptr %out, ptr %dout, i64 %n)
  ret void
}
