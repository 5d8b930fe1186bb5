; qsort on memory with tangents in forward mode (Rules/Sort): the order is found once with the
; program's comparison, applied to the array and to its tangent array, and freed; the library's
; sort is not called. In batched mode, to every lane's tangent array.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define internal { double, double } @fwddiffesmallest(
; CHECK-NEXT: %order = call ptr @swad.sort.order(ptr %x, i64 3, i64 8, ptr @compare, ptr null, i1 false)
; CHECK-NEXT: call void @swad.sort.permute(ptr %x, i64 3, i64 8, ptr %order, i1 false)
; CHECK-NEXT: call void @swad.sort.permute(ptr %"'x", i64 3, i64 8, ptr %order, i1 false)
; CHECK-NEXT: call void @free(ptr %order)
; CHECK-NOT: @qsort(
; CHECK: ret { double, double }

; CHECK-LABEL: define internal { double, [2 x double] } @fwddiffe2smallest(
; CHECK-NEXT: %[[LANE0:[0-9]+]] = extractvalue [2 x ptr] %"'x", 0
; CHECK-NEXT: %[[LANE1:[0-9]+]] = extractvalue [2 x ptr] %"'x", 1
; CHECK-NEXT: %order = call ptr @swad.sort.order(ptr %x, i64 3, i64 8, ptr @compare, ptr null, i1 false)
; CHECK-NEXT: call void @swad.sort.permute(ptr %x, i64 3, i64 8, ptr %order, i1 false)
; CHECK-NEXT: call void @swad.sort.permute(ptr %[[LANE0]], i64 3, i64 8, ptr %order, i1 false)
; CHECK-NEXT: call void @swad.sort.permute(ptr %[[LANE1]], i64 3, i64 8, ptr %order, i1 false)
; CHECK-NEXT: call void @free(ptr %order)

declare void @qsort(ptr, i64, i64, ptr)
declare double @__enzyme_fwddiff(ptr, ...)
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

define double @smallest(ptr %x) {
  call void @qsort(ptr %x, i64 3, i64 8, ptr @compare)
  %first = load double, ptr %x
  %square = fmul double %first, %first
  ret double %square
}

define double @tangent(ptr %x, ptr %dx) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @smallest, ptr %x, ptr %dx)
  ret double %r
}

define [2 x double] @tangents(ptr %x, ptr %d0, ptr %d1) {
  %w = load i32, ptr @enzyme_width
  %d = load i32, ptr @enzyme_dup
  %r = call [2 x double] (ptr, ...) @__enzyme_fwddiff(ptr @smallest, i32 %w, i32 2, i32 %d, ptr %x, ptr %d0, ptr %d1)
  ret [2 x double] %r
}
