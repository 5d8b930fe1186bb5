; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; A value an outer loop computes (here a bound it loads again each time round: the loop writes
; memory that may be the bound's) is the same in every iteration of the loops inside it, so their
; reverse reads it from a slot set once per run of the outer loop. In a triangular row loop inside
; such a loop, both the inner merge's deciding branch (`%last`, from the loaded bound) and the inner
; loop's trip count are recomputed in the reverse sweep (`Gradient+DecidedMerges`): the inner loop
; and the row loop push no block index and no last counter value; the outer loop keeps the bound
; once per iteration.
declare double @__enzyme_autodiff(ptr, ...)
@enzyme_const = external global i32

define double @rows(ptr %x, ptr %size, i64 %passes) {
entry:
  br label %outer

outer:
  %r = phi i64 [ 0, %entry ], [ %r.next, %outer.latch ]
  %acc = phi double [ 0.0, %entry ], [ %acc.rows, %outer.latch ]
  %n = load i64, ptr %size
  %n.minus.one = add i64 %n, -1
  %nonempty = icmp sgt i64 %n.minus.one, 0
  br i1 %nonempty, label %row, label %outer.latch

row:
  %i = phi i64 [ 0, %outer ], [ %i.next, %row.latch ]
  %row.acc = phi double [ %acc, %outer ], [ %sum.next, %row.latch ]
  %first = add i64 %i, 1
  br label %inner

inner:
  %j = phi i64 [ %first, %row ], [ %j.next, %merge ]
  %sum = phi double [ %row.acc, %row ], [ %sum.next, %merge ]
  %p = getelementptr double, ptr %x, i64 %j
  %v = load double, ptr %p
  %last = icmp eq i64 %j, %n.minus.one
  br i1 %last, label %then, label %merge

then:
  %s = fmul double %v, 2.0
  br label %merge

merge:
  %term = phi double [ %s, %then ], [ %v, %inner ]
  %sum.next = fadd double %sum, %term
  %j.next = add i64 %j, 1
  %done = icmp eq i64 %j.next, %n
  br i1 %done, label %row.latch, label %inner

row.latch:
  %i.next = add i64 %i, 1
  %rows.done = icmp eq i64 %i.next, %n.minus.one
  br i1 %rows.done, label %rows.exit, label %row

rows.exit:
  ; The outer loop writes memory that may be the bound's: the bound is loaded again next pass.
  store double %sum.next, ptr %x
  br label %outer.latch

outer.latch:
  %acc.rows = phi double [ %sum.next, %rows.exit ], [ %acc, %outer ]
  %r.next = add i64 %r, 1
  %again = icmp ult i64 %r.next, %passes
  br i1 %again, label %outer, label %exit

exit:
  ret double %acc.rows
}

define void @caller(ptr %x, ptr %dx, ptr %size, i64 %passes) {
entry:
  %c = load i32, ptr @enzyme_const
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @rows, ptr %x, ptr %dx, i32 %c, ptr %size, i32 %c, i64 %passes)
  ret void
}

; Nothing is pushed per row: no block index for %merge, no last value of %j at the inner loop's
; exit. The outer loop keeps the bound it loaded, once per pass.
; CHECK-LABEL: define internal double @augmented_rows(
; CHECK: {{^}}row:
; CHECK-NOT: @swad.tape.reserve
; CHECK: {{^}}rows.exit:
; CHECK: call ptr @swad.tape.reserve(ptr %tape,
; CHECK: store i64 %n, ptr

; The reverse of the merge recomputes `%last` from the bound's slot, and pops nothing.
; CHECK-LABEL: define internal void @diffe_reverse_rows(
; CHECK: {{^}}rev.merge.body:
; CHECK-NOT: @swad.tape.pop
; CHECK: [[LAST:%.*]] = icmp eq i64 {{%.*}}, {{%.*}}
; CHECK-NOT: @swad.tape.pop
; CHECK: br i1 [[LAST]], label %rev.merge.from.then, label %rev.merge.from.inner
