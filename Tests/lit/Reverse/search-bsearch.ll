; bsearch (Rules/SearchRoutines.swift) in both modes: the library's call stays, and the element
; it finds has its shadow (tangent) at the same byte offset of the array's shadow, null when nothing
; was found; the reverse sweep has nothing to undo. Optimized C gets glibc's inline bsearch; this is
; the call unoptimized code makes.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define internal double @augmented_find(
; CHECK: %found = call ptr @bsearch(ptr %key, ptr %table, i64 4, i64 8, ptr @compare)
; CHECK-NEXT: %[[AT:[0-9]+]] = ptrtoint ptr %found to i64
; CHECK-NEXT: %[[BASE:[0-9]+]] = ptrtoint ptr %table to i64
; CHECK-NEXT: %[[OFFSET:[0-9]+]] = sub i64 %[[AT]], %[[BASE]]
; CHECK-NEXT: %found.shadow = getelementptr i8, ptr %"'table", i64 %[[OFFSET]]
; CHECK-NEXT: %[[NONE:[0-9]+]] = icmp eq ptr %found, null
; CHECK-NEXT: %[[SHADOW:[0-9]+]] = select i1 %[[NONE]], ptr null, ptr %found.shadow
; CHECK: store ptr %[[SHADOW]], ptr %slot

; CHECK-LABEL: define internal void @diffe_reverse_find(
; CHECK-NOT: @bsearch
; CHECK: fadd reassoc nsz contract double
; CHECK: ret void

; CHECK-LABEL: define internal { double, double } @fwddiffefind(
; CHECK: %found = call ptr @bsearch(ptr %key, ptr %table, i64 4, i64 8, ptr @compare)
; CHECK: %found.shadow = getelementptr i8, ptr %"'table", i64 %{{[0-9]+}}
; CHECK: %[[TANGENT_SHADOW:[0-9]+]] = select i1 %{{[0-9]+}}, ptr null, ptr %found.shadow
; CHECK: load double, ptr %[[TANGENT_SHADOW]]

declare ptr @bsearch(ptr, ptr, i64, i64, ptr)
declare double @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)
@enzyme_const = external global i32

define internal i32 @compare(ptr %key, ptr %element) {
  %k = load double, ptr %key
  %e = load double, ptr %element
  %gt = fcmp ogt double %k, %e
  %lt = fcmp olt double %k, %e
  %g = zext i1 %gt to i32
  %l = zext i1 %lt to i32
  %r = sub i32 %g, %l
  ret i32 %r
}

; The square of the table's element equal to *key, or 0.
define double @find(ptr %table, ptr %key) {
entry:
  %found = call ptr @bsearch(ptr %key, ptr %table, i64 4, i64 8, ptr @compare)
  %none = icmp eq ptr %found, null
  br i1 %none, label %missing, label %hit

hit:
  %value = load double, ptr %found
  %square = fmul double %value, %value
  ret double %square

missing:
  ret double 0.0
}

define double @gradient(ptr %table, ptr %dtable, ptr %key) {
  %c = load i32, ptr @enzyme_const
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @find, ptr %table, ptr %dtable, i32 %c, ptr %key)
  ret double %r
}

define double @tangent(ptr %table, ptr %dtable, ptr %key) {
  %c = load i32, ptr @enzyme_const
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @find, ptr %table, ptr %dtable, i32 %c, ptr %key)
  ret double %r
}
