; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; RUN: %swad-opt %s -o %t.bc
; RUN: %clang %t.bc %S/Inputs/sines-or-cosines-main.c -o %t -lm
; RUN: %t
; Two loops with one preheader (%entry branches to both headers), each keeping its records as an
; array in columns (SwadAD/Reverse/Gradient+RecordArrays.swift): both arrays are reserved there,
; the one of the loop the branch skips with no bytes. Reserving one of them only left the other's
; elements pushed one by one, side by side, while its reverse read them as columns: the gradient of
; the loop of cosines came out wrong from two elements up. The run compares both ways with the
; hand-derived gradients.
declare double @__enzyme_autodiff(ptr, ...)
declare double @sin(double)
declare double @cos(double)
@enzyme_dup = external global i32
@enzyme_const = external global i32

; One block is the preheader of two loops: Π sin(x_i) when %c, else Π cos(x_i). Each loop keeps the
; product so far and its factor, in columns reserved at %entry, the skipped loop's with no bytes.
define double @sines_or_cosines(ptr %x, i64 %n, i1 %c) {
entry:
  br i1 %c, label %sines, label %cosines

sines:
  %i = phi i64 [ 0, %entry ], [ %i.next, %sines ]
  %acc = phi double [ 1.0, %entry ], [ %acc.next, %sines ]
  %p = getelementptr double, ptr %x, i64 %i
  %v = load double, ptr %p
  %s = call double @sin(double %v)
  %acc.next = fmul double %acc, %s
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %sines

cosines:
  %j = phi i64 [ 0, %entry ], [ %j.next, %cosines ]
  %bcc = phi double [ 1.0, %entry ], [ %bcc.next, %cosines ]
  %q = getelementptr double, ptr %x, i64 %j
  %u = load double, ptr %q
  %t = call double @cos(double %u)
  %bcc.next = fmul double %bcc, %t
  %j.next = add i64 %j, 1
  %jdone = icmp eq i64 %j.next, %n
  br i1 %jdone, label %exit, label %cosines

exit:
  %r = phi double [ %acc.next, %sines ], [ %bcc.next, %cosines ]
  ret double %r
}

define void @caller(ptr %x, ptr %dx, i64 %n, i1 %c) {
entry:
  %d = load i32, ptr @enzyme_dup
  %k = load i32, ptr @enzyme_const
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @sines_or_cosines, i32 %d, ptr %x, ptr %dx, i32 %k, i64 %n, i32 %k, i1 %c)
  ret void
}

; CHECK-LABEL: define internal double @augmented_sines_or_cosines(
; CHECK: {{^}}entry:
; CHECK: [[SINES:%.*]] = call ptr @swad.tape.reserve(ptr %tape, i64 {{%.*}})
; CHECK: [[COSINES:%.*]] = call ptr @swad.tape.reserve(ptr %tape, i64 {{%.*}})
; CHECK: {{^}}sines:
; CHECK-NOT: @swad.tape.reserve
; CHECK: store double %acc, ptr {{%.*}}, align 8
; CHECK: {{^}}cosines:
; CHECK-NOT: @swad.tape.reserve
; CHECK: store double %bcc, ptr {{%.*}}, align 8
; CHECK: {{^}}exit:
