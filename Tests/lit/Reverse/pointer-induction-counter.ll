; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; A loop counted by a pointer alone (`for (p = x; p != x + n; p++) s += *p * *p`: C++ iterators and
; Eigen's linear traversals compile to this): the reverse sweep steps the pointer back by its 8
; bytes and leaves the loop when it is back at `x`, and reads the pointer's shadow as the shadow of
; `x` plus the pointer's distance from `x`. The forward sweep keeps neither the pointer, nor its
; shadow, nor which way each iteration's branch went.
declare double @__enzyme_autodiff(ptr, ...)

define double @f(ptr %x, i64 %n) {
entry:
  %end = getelementptr inbounds double, ptr %x, i64 %n
  %empty = icmp eq i64 %n, 0
  br i1 %empty, label %exit, label %loop

loop:
  %p = phi ptr [ %x, %entry ], [ %p.next, %loop ]
  %s = phi double [ 0.0, %entry ], [ %s.next, %loop ]
  %v = load double, ptr %p, align 8
  %sq = fmul double %v, %v
  %s.next = fadd double %s, %sq
  %p.next = getelementptr inbounds double, ptr %p, i64 1
  %done = icmp eq ptr %p.next, %end
  br i1 %done, label %exit, label %loop

exit:
  %r = phi double [ 0.0, %entry ], [ %s.next, %loop ]
  ret double %r
}

define void @caller(ptr %x, ptr %dx, i64 %n) {
entry:
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx, i64 %n)
  ret void
}

; The forward sweep: the loop as it was, then one record per call (whether the loop ran, the shadow
; of x, the pointer's last value).
; CHECK-LABEL: define internal double @augmented_f(
; CHECK-SAME: ptr [[X:%.*]], ptr [[DX:%.*]], i64 [[N:%.*]], ptr [[TAPE:%.*]])
; CHECK: loop:
; CHECK-NOT: @swad.tape.reserve
; CHECK: br i1 %done, label %exit.split, label %loop
; CHECK: exit:
; CHECK-NEXT: [[LAST:%.*]] = phi ptr [ undef, %entry ], [ %p, %exit.split ]
; CHECK: [[RECORD:%.*]] = call ptr @swad.tape.reserve(ptr [[TAPE]], i64 24)
; CHECK: store ptr [[LAST]], ptr
; CHECK-NOT: @swad.tape.reserve
; CHECK: ret double

; The reverse sweep: the pointer starts at its last value and steps back by 8 bytes until it is x;
; its shadow is the shadow of x plus the pointer's distance from x.
; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK-SAME: ptr [[TAPE:%.*]], double %dret, ptr [[X:%.*]], ptr [[DX:%.*]], i64 %n)
; CHECK: [[RECORD:%.*]] = call ptr @swad.tape.pop(ptr [[TAPE]], i64 24)
; CHECK: [[SHADOWX:%.*]] = load ptr, ptr
; CHECK: [[LASTP:%.*]] = load ptr, ptr
; CHECK: rev.loop:
; CHECK-NEXT: [[P:%.*]] = phi ptr [ [[LASTP]], %rev.exit.split.enter.loop ], [ [[PREVIOUS:%.*]], %rev.loop.back ]
; CHECK: [[V:%.*]] = load double, ptr [[P]]
; CHECK: [[PBITS:%.*]] = ptrtoint ptr [[P]] to i64
; CHECK-NEXT: [[XBITS:%.*]] = ptrtoint ptr [[X]] to i64
; CHECK-NEXT: [[DISTANCE:%.*]] = sub i64 [[PBITS]], [[XBITS]]
; CHECK-NEXT: [[DP:%.*]] = getelementptr i8, ptr [[SHADOWX]], i64 [[DISTANCE]]
; CHECK-NEXT: [[OLD:%.*]] = load double, ptr [[DP]]
; CHECK-NEXT: [[NEW:%.*]] = fadd reassoc nsz contract double [[OLD]],
; CHECK-NEXT: store double [[NEW]], ptr [[DP]]
; CHECK-NEXT: [[AROUND:%.*]] = icmp ne ptr [[P]], [[X]]
; CHECK-NEXT: br i1 [[AROUND]], label %rev.loop.back, label %rev.loop.out
; CHECK: rev.loop.back:
; CHECK: [[PREVIOUS]] = getelementptr i8, ptr [[P]], i64 -8
; CHECK-NOT: @swad.tape.pop
; CHECK: ret void
