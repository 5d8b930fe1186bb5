; RUN: %swad-opt %s --pre-passes '' --passes '' -o %t.bc --print-remarks 2>&1 | FileCheck %s
; --print-remarks says what each forward split tape records: here the element loaded in the loop
; (per iteration) and the callee's result (once per call), not the primal sum, which the tangent
; does not need, nor the loop counter, which it recomputes.
declare ptr @__enzyme_augmentfwd(ptr, ...)
declare double @__enzyme_fwdsplit(ptr, ...)
@enzyme_const = external global i32

define double @scale(double %s) {
entry:
  %r = call double @exp(double %s)
  ret double %r
}
declare double @exp(double)

define double @f(ptr %x, i64 %n, double %s) {
entry:
  %k = call double @scale(double %s)
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi double [ 0.0, %entry ], [ %acc.next, %loop ]
  %p = getelementptr double, ptr %x, i64 %i
  %v = load double, ptr %p
  %sq = fmul double %v, %v
  %acc.next = fadd double %acc, %sq
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  %r = fmul double %acc.next, %k
  ret double %r
}

define double @caller(ptr %x, ptr %dx, i64 %n, double %s) {
entry:
  %c = load i32, ptr @enzyme_const
  %tape = call ptr (ptr, ...) @__enzyme_augmentfwd(ptr @f, ptr %x, ptr %dx, i32 %c, i64 %n, double %s)
  %c2 = load i32, ptr @enzyme_const
  %t = call double (ptr, ...) @__enzyme_fwdsplit(ptr @f, ptr %x, ptr %dx, i32 %c2, i64 %n, double %s, double 1.0, ptr %tape)
  ret double %t
}
; CHECK: remark: f: the forward split tape records 8 bytes per call and 8 bytes per loop iteration: %k (call), %v (load) per iteration
; CHECK-NOT: remark: scale: the forward split tape
