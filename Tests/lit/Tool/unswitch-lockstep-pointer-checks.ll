; A loop counted by a pointer walks the pointer's shadow beside it. Where the shadow may be the
; primal itself (a `select` between a duplicated and a constant argument), the forward sweep tests
; `shadow == primal` in every iteration, on two phis that start apart and step by the same 8 bytes:
; the answer is the starting pointers' (SwadPipeline/LockstepPointerTests.swift). The test is made
; once before the loop, and the unswitching stage copies the loop once per answer, so that the copy
; in which the shadow is real runs no run-time check of unshadowed memory. default<O0> shows the
; stage's output.
; RUN: %swad-opt %s --pre-passes '' --passes='default<O0>' -S | FileCheck %s
; Without the stage (a pipeline given by hand), the test stays in the loop.
; RUN: %swad-opt %s --pre-passes '' --passes=verify -S | FileCheck %s --check-prefix=BYHAND
declare void @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32
@enzyme_const = external global i32

; for (p = q; p != q + n; p++) *p = *p * *p, q = x or the constant c.
define void @f(ptr %x, ptr %c, i1 %useX, i64 %n) {
entry:
  %q = select i1 %useX, ptr %x, ptr %c
  %end = getelementptr inbounds double, ptr %q, i64 %n
  %empty = icmp eq i64 %n, 0
  br i1 %empty, label %exit, label %loop
loop:
  %p = phi ptr [ %q, %entry ], [ %p.next, %loop ]
  %v = load double, ptr %p
  %s = fmul double %v, %v
  store double %s, ptr %p
  %p.next = getelementptr inbounds double, ptr %p, i64 1
  %done = icmp eq ptr %p.next, %end
  br i1 %done, label %exit, label %loop
exit:
  ret void
}

define void @gradient(ptr %x, ptr %dx, ptr %c, i1 %useX, i64 %n) {
  %dup = load i32, ptr @enzyme_dup
  %const = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %dup, ptr %x, ptr %dx, i32 %const, ptr %c, i32 %const, i1 %useX, i64 %n)
  ret void
}

; CHECK-LABEL: define internal void @diffef(
; CHECK: %lockstep.test{{[.0-9a-z]*}} = icmp eq ptr %"'q{{[.0-9a-z]*}}", %q{{[.0-9a-z]*}}
; CHECK: br i1 %lockstep.test{{[.0-9a-z]*}}, label %[[CHECKED:[.0-9a-z]*split.us[.0-9a-z]*]], label %[[FAST:[.0-9a-z]*split[.0-9a-z]*]]
; CHECK: [[CHECKED]]:
; CHECK: call void @swad.unshadowed.scan(
; CHECK: [[FAST]]:
; CHECK-NEXT: br label %[[LOOP:loop[.0-9a-z]*]]
; CHECK: [[LOOP]]:
; CHECK-NOT: @swad.unshadowed
; CHECK-NOT: shadow.is.primal
; CHECK: br i1 %done{{[.0-9a-z]*}}
; CHECK-NOT: swad-versioned-loops

; BYHAND-LABEL: define internal void @augmented_f(
; BYHAND: loop:
; BYHAND: %shadow.is.primal = icmp eq ptr %"'p", %p
