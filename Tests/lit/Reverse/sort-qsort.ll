; qsort on active memory in reverse mode (Rules/Sort): the forward sweep finds the order once with
; the program's comparison (@swad.sort.order), applies it to the array and to its shadow, and keeps
; it on the tape; the reverse sweep undoes it on the shadow (inverse = true) and frees it. qsort on
; an array without a shadow stays the library's call. glibc's qsort_r hands its context to the
; comparison.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define internal double @augmented_smallest(
; CHECK: %order = call ptr @swad.sort.order(ptr %x, i64 3, i64 8, ptr @compare, ptr null, i1 false)
; CHECK-NEXT: call void @swad.sort.permute(ptr %x, i64 3, i64 8, ptr %order, i1 false)
; CHECK-NEXT: call void @swad.sort.permute(ptr %"'x", i64 3, i64 8, ptr %order, i1 false)
; CHECK-NOT: @qsort(
; CHECK: store ptr %order, ptr %[[ORDER_SLOT:slot[0-9]*]]
; CHECK: ret double

; CHECK-LABEL: define internal void @diffe_reverse_smallest(
; CHECK: call void @swad.sort.permute(ptr %{{[0-9]+}}, i64 3, i64 8, ptr %[[ORDER:[0-9]+]], i1 true)
; CHECK-NEXT: call void @free(ptr %[[ORDER]])

; CHECK-LABEL: define internal ptr @swad.sort.order(
; CHECK: call void @qsort_r(ptr %order, i64 %1, i64 8, ptr @swad.sort.compare, ptr %comparison)
; CHECK-LABEL: define internal i32 @swad.sort.compare(
; Ties are ordered by index.
; CHECK: select i1 %{{[0-9]+}}, i32 %{{[0-9]+}}, i32 %order
; CHECK-LABEL: define internal void @swad.sort.permute(

; The context of qsort_r reaches the comparison.
; CHECK-LABEL: define internal double @augmented_largest(
; CHECK: %order = call ptr @swad.sort.order(ptr %x, i64 %n, i64 8, ptr @compare_with, ptr %direction, i1 true)

; An array without a shadow (here the indices) is sorted by the library, as in the primal.
; CHECK-LABEL: define internal double @augmented_indexed(
; CHECK: call void @qsort(ptr %indices, i64 4, i64 4, ptr @compare_ints)
; CHECK-NOT: @swad.sort.order

; Batched (enzyme_width 2): one order, applied to both lanes' shadows, and undone on both.
; CHECK-LABEL: define internal double @augmented_smallest.1(
; CHECK: call void @swad.sort.permute(ptr %x, i64 3, i64 8, ptr %order, i1 false)
; CHECK-NEXT: call void @swad.sort.permute(ptr %"'x", i64 3, i64 8, ptr %order, i1 false)
; CHECK-NEXT: call void @swad.sort.permute(ptr %"'x.1", i64 3, i64 8, ptr %order, i1 false)
; CHECK-LABEL: define internal void @diffe_reverse_smallest.2(
; CHECK: call void @swad.sort.permute(ptr %{{[0-9]+}}, i64 3, i64 8, ptr %[[BATCH_ORDER:[0-9]+]], i1 true)
; CHECK-NEXT: load ptr
; CHECK-NEXT: call void @swad.sort.permute(ptr %{{[0-9]+}}, i64 3, i64 8, ptr %[[BATCH_ORDER]], i1 true)
; CHECK-NEXT: call void @free(ptr %[[BATCH_ORDER]])

target triple = "x86_64-unknown-linux-gnu"

declare void @qsort(ptr, i64, i64, ptr)
declare void @qsort_r(ptr, i64, i64, ptr, ptr)
declare double @__enzyme_autodiff(ptr, ...)
@enzyme_const = external global i32
@enzyme_width = external global i32
@enzyme_dup = external global i32

define internal i32 @compare(ptr %a, ptr %b) {
  %x = load double, ptr %a
  %y = load double, ptr %b
  %gt = fcmp ogt double %x, %y
  %lt = fcmp olt double %x, %y
  %g = zext i1 %gt to i32
  %l = zext i1 %lt to i32
  %r = sub i32 %g, %l
  ret i32 %r
}

define internal i32 @compare_with(ptr %a, ptr %b, ptr %direction) {
  %r = call i32 @compare(ptr %a, ptr %b)
  %sign = load i32, ptr %direction
  %signed = mul i32 %r, %sign
  ret i32 %signed
}

define internal i32 @compare_ints(ptr %a, ptr %b) {
  %x = load i32, ptr %a
  %y = load i32, ptr %b
  %r = sub i32 %x, %y
  ret i32 %r
}

; The square of the smallest of three values, sorted in place.
define double @smallest(ptr %x) {
  call void @qsort(ptr %x, i64 3, i64 8, ptr @compare)
  %first = load double, ptr %x
  %square = fmul double %first, %first
  ret double %square
}

; The largest of n values, sorted in descending order.
define double @largest(ptr %x, i64 %n, ptr %direction) {
  call void @qsort_r(ptr %x, i64 %n, i64 8, ptr @compare_with, ptr %direction)
  %first = load double, ptr %x
  ret double %first
}

; x[indices[0]] * 2 after sorting an array of indices.
define double @indexed(ptr %x, ptr %indices) {
  call void @qsort(ptr %indices, i64 4, i64 4, ptr @compare_ints)
  %i = load i32, ptr %indices
  %w = sext i32 %i to i64
  %p = getelementptr double, ptr %x, i64 %w
  %v = load double, ptr %p
  %r = fmul double %v, 2.0
  ret double %r
}

define void @gradients(ptr %x, ptr %dx, i64 %n, ptr %direction, ptr %indices) {
  %c = load i32, ptr @enzyme_const
  %1 = call double (ptr, ...) @__enzyme_autodiff(ptr @smallest, ptr %x, ptr %dx)
  %2 = call double (ptr, ...) @__enzyme_autodiff(ptr @largest, ptr %x, ptr %dx, i64 %n, i32 %c, ptr %direction)
  %3 = call double (ptr, ...) @__enzyme_autodiff(ptr @indexed, ptr %x, ptr %dx, i32 %c, ptr %indices)
  ret void
}

define void @batched(ptr %x, ptr %d0, ptr %d1) {
  %w = load i32, ptr @enzyme_width
  %d = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @smallest, i32 %w, i32 2, i32 %d, ptr %x, ptr %d0, ptr %d1)
  ret void
}
