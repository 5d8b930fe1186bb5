; RUN: %swad-opt %s --pre-passes '' -O0 -S | FileCheck %s
; RUN: %swad-opt %s --pre-passes '' -O0 -o /dev/null --remarks 2>&1 | FileCheck %s --check-prefix=REMARK
; REMARK: swad-opt: remark: f: the reverse of the loop sums in registers the adjoints of an element read at one address in every iteration; on entering it, a check against the shadows of 1 store picks them over additions in memory
; out[j] += l[j] * x[i]: the load of x[i] stays in the inner loop (out may alias x), and its reverse
; loop would add to x̄[i] in every iteration. Instead the adjoint goes to one pending sum, added to
; x̄[i] when the loop's reverse ends (`Gradient+RotatedAdjoints`, a group without an induction). On
; entering the loop's reverse, a check that x̄[i] lies outside the range of out̄ the stores' reverses
; read and clear sets %rotated; each addition goes to the sum when it is set, to memory otherwise.
; The sum never shifts: the back edge only steps the counter. The mark that asks the pipeline to
; unswitch the loop (`VersionedLoopUnswitching`) does not reach the output.
; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK:       %pending = alloca double
; CHECK-NEXT:  store double -0.000000e+00, ptr %pending
; CHECK:       %rotated = alloca i1
; CHECK-NEXT:  store i1 false, ptr %rotated
; The check, on the reverse edge into the inner loop: x̄[i]'s 8 bytes against out̄'s range, and
; nothing else (the loads of l and out only add).
; CHECK:       rev.outer.latch.enter.inner:
; CHECK:       [[XI:%[0-9]+]] = getelementptr inbounds double, ptr {{%[0-9]+}}, i64
; CHECK-NEXT:  store ptr [[XI]], ptr %loop1
; CHECK:       [[OUT:%[0-9]+]] = ptrtoint ptr {{%[0-9]+}} to i64
; CHECK:       [[XA:%[0-9]+]] = ptrtoint ptr [[XI]] to i64
; CHECK-NEXT:  [[XEND:%[0-9]+]] = add i64 [[XA]], 8
; CHECK-NEXT:  icmp sle i64 [[XEND]],
; CHECK-NEXT:  icmp sle i64 {{%[0-9]+}}, [[XA]]
; CHECK-NEXT:  [[APART:%[0-9]+]] = or i1
; CHECK-NEXT:  [[ALL:%[0-9]+]] = and i1 true, [[APART]]
; CHECK-NEXT:  store double -0.000000e+00, ptr %pending
; CHECK-NEXT:  store i1 [[ALL]], ptr %rotated
; The adjoint of x[i]:
; CHECK:       [[FLAG:%[0-9]+]] = load i1, ptr %rotated
; CHECK-NEXT:  br i1 [[FLAG]], label %rotated.add, label %memory.add
; CHECK:       rotated.add:
; CHECK-NEXT:  [[OLD:%[0-9]+]] = load double, ptr %pending
; CHECK-NEXT:  [[NEW:%[0-9]+]] = fadd reassoc nsz contract double [[OLD]],
; CHECK-NEXT:  store double [[NEW]], ptr %pending
; CHECK:       memory.add:
; CHECK-NEXT:  load double, ptr
; CHECK-NEXT:  fadd reassoc nsz contract double
; CHECK-NEXT:  store double
; CHECK:       rev.inner.back:
; CHECK-NEXT:  [[J:%[0-9]+]] = load i64, ptr %loop
; CHECK-NEXT:  sub i64 [[J]], 1
; CHECK-NEXT:  store i64
; CHECK-NEXT:  br label %rev.inner
; When the inner loop's reverse ends, the sum goes to x̄[i].
; CHECK:       rev.inner.out:
; CHECK-NEXT:  [[SUM:%[0-9]+]] = load double, ptr %pending
; CHECK:       rotated.flush:
; CHECK-NEXT:  [[ELEMENT:%[0-9]+]] = load ptr, ptr %loop1
; CHECK-NEXT:  [[MEMORY:%[0-9]+]] = load double, ptr [[ELEMENT]]
; CHECK-NEXT:  [[TOTAL:%[0-9]+]] = fadd reassoc nsz contract double [[MEMORY]], [[SUM]]
; CHECK-NEXT:  store double [[TOTAL]], ptr [[ELEMENT]]
; CHECK-NOT:   swad-versioned-loops

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
