; An address made an integer and tagged with a constant `or`: Swift sets the top bit of the object
; reference of the second case of `enum Shape { case circ(Circ), rect(Rect) }`, and the callee masks
; it off before it loads through the address. The `or` is now address arithmetic, as the `and` that
; masks was (ActivityAnalysis.addressOperand and isVaried, Activity/ActivityAnalysis.swift): the
; tagged integer is active and the shadow address gets the same tag. Before, the `or` was inactive,
; it had no shadow, the callee was not differentiated, and the derivative through the object was
; silently 0.
; RUN: %swad-opt %s --pre-passes '' --print-activity | FileCheck %s --check-prefix=ACTIVITY
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; ACTIVITY-LABEL: activity of @f (reverse; duplicated):
; ACTIVITY-NEXT: active:   ptr %obj
; ACTIVITY-NEXT: active:   %i = ptrtoint ptr %obj to i64
; ACTIVITY-NEXT: active:   %t = or i64 %i, -9223372036854775808
; ACTIVITY-NEXT: active:   %a = call double @area(i64 %t)

; CHECK-LABEL: define internal double @augmented_f(
; CHECK-NEXT: %i = ptrtoint ptr %obj to i64
; CHECK-NEXT: %"'i" = ptrtoint ptr %"'obj" to i64
; CHECK-NEXT: %t = or i64 %i, -9223372036854775808
; CHECK-NEXT: %"'t" = or i64 %"'i", -9223372036854775808
; CHECK-NEXT: call double @augmented_area(i64 %t, i64 %"'t", ptr %tape)

; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: call void @diffe_reverse_area(

; The callee masks the tag off the shadow as off the address, and the adjoint goes there.
; CHECK-LABEL: define internal double @augmented_area(i64 %p, i64 %"'p", ptr %tape)
; CHECK: %"'m" = and i64 %"'p", 9223372036854775807
; CHECK: %"'o" = inttoptr i64 %"'m" to ptr
; CHECK: %"'side" = getelementptr inbounds i8, ptr %"'o", i64 16

; CHECK-LABEL: define internal void @diffe_reverse_area(
; CHECK: fadd reassoc nsz contract double
; CHECK: %[[SHADOW:[0-9]+]] = load ptr, ptr %slot{{[0-9]*}}, align 8
; CHECK-NEXT: %[[OLD:[0-9]+]] = load double, ptr %[[SHADOW]], align 8
; CHECK-NEXT: %[[NEW:[0-9]+]] = fadd reassoc nsz contract double %[[OLD]], %{{[0-9]+}}
; CHECK-NEXT: store double %[[NEW]], ptr %[[SHADOW]], align 8

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK: %"'t" = or i64 %"'i", -9223372036854775808
; CHECK-NEXT: call { double, double } @fwddiffearea(i64 %t, i64 %"'t")

; The area of a tagged object: the side at offset 16, squared.
define internal double @area(i64 %p) noinline {
  %m = and i64 %p, 9223372036854775807
  %o = inttoptr i64 %m to ptr
  %side = getelementptr inbounds i8, ptr %o, i64 16
  %v = load double, ptr %side, align 8
  %a = fmul double %v, %v
  ret double %a
}

define double @f(ptr %obj) {
  %i = ptrtoint ptr %obj to i64
  %t = or i64 %i, -9223372036854775808
  %a = call double @area(i64 %t)
  ret double %a
}

define void @gradient(ptr %obj, ptr %dobj) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr @enzyme_dup, ptr %obj, ptr %dobj)
  ret void
}

define double @tangent(ptr %obj, ptr %dobj) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr @enzyme_dup, ptr %obj, ptr %dobj)
  ret double %r
}

declare void @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)
@enzyme_dup = external global i32
