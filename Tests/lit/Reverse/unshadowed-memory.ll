; Memory without a shadow written with a derivative (Support/UnshadowedMemory.swift): a store of a
; value with a derivative through a pointer the derivative has no shadow for (a buffer passed as
; enzyme_const; a global pointer is Globals/pointer-written-through.ll) records the bytes it wrote, and a load from such memory that feeds the
; derivative checks the records, so that reading the value back stops with an error instead of a
; derivative silently 0. Both modes; each derivative call starts with no records.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK: @swad.unshadowed.place{{.*}} = private unnamed_addr constant {{.*}} c"a store of a 'double' in function 'f'\00"

; CHECK-LABEL: define double @gradient(
; CHECK-NEXT: call void @swad.unshadowed.reset()
; CHECK-NEXT: call { double } @diffef(

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: store double %sq, ptr %w
; CHECK-NEXT: call void @swad.unshadowed.write(ptr %w, i64 8, ptr @swad.unshadowed.place)
; CHECK-NEXT: %back = load double, ptr %w
; CHECK-NEXT: call void @swad.unshadowed.read(ptr %w, i64 8, ptr @swad.unshadowed.place.1, i1 true)

; The read: nothing to do when the memory has a shadow after all (tested first: fixed before a loop,
; it lets the loop be copied without the check), or without records; otherwise a scan that stops
; the program on an overlap.
; CHECK-LABEL: define internal void @swad.unshadowed.read(
; CHECK: br i1 %3, label %unshadowed, label %done
; CHECK: unshadowed:
; CHECK-NEXT: %count = load i64, ptr getelementptr inbounds ({ ptr, i64, i64 }, ptr @swad.unshadowed.records, i32 0, i32 1)
; CHECK-NEXT: %[[NONE:[0-9]+]] = icmp eq i64 %count, 0
; CHECK-NEXT: br i1 %[[NONE]], label %done, label %scan

; In a module with such a store, a read of constant data feeding the derivative is checked too
; (the store may be another function's); without records the check is a load and a branch.
; CHECK-LABEL: define internal double @augmented_g(
; CHECK: %t = load double, ptr %table
; CHECK-NEXT: call void @swad.unshadowed.read(ptr %table, i64 8,

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK: store double %sq, ptr %w
; CHECK-NEXT: call void @swad.unshadowed.write(ptr %w, i64 8,
; CHECK-NEXT: %back = load double, ptr %w
; CHECK-NEXT: call void @swad.unshadowed.read(ptr %w, i64 8,

; CHECK-LABEL: define internal void @swad.unshadowed.scan(
; CHECK: call i32 (i32, ptr, ...) @dprintf(i32 2,
; CHECK-NEXT: call void @exit(i32 1)

define double @f(ptr %x, ptr %w) {
entry:
  %xv = load double, ptr %x
  %sq = fmul double %xv, %xv
  store double %sq, ptr %w
  %back = load double, ptr %w
  %r = fmul double %back, %xv
  ret double %r
}

define double @g(ptr %x, ptr %table) {
entry:
  %xv = load double, ptr %x
  %t = load double, ptr %table
  %r = fmul double %t, %xv
  ret double %r
}

declare double @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)

define double @gradient(ptr %x, ptr %dx, ptr %w) {
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx, metadata !"enzyme_const", ptr %w)
  ret double %r
}

define double @gradient_g(ptr %x, ptr %dx, ptr %table) {
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @g, ptr %x, ptr %dx, metadata !"enzyme_const", ptr %table)
  ret double %r
}

define double @tangent(ptr %x, ptr %dx, ptr %w) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %x, ptr %dx, metadata !"enzyme_const", ptr %w)
  ret double %r
}
