; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; An integer stored into memory that has a shadow (an array's count beside its elements, as Swift's
; array storage has) is stored into the shadow too, in forward mode and in reverse mode's augmented
; forward sweep: code that reads the shadow's structure (Swift reading a tangent or adjoint array's
; count) sees the primal's. A float store writes the tangent; nothing else changes.

@enzyme_dup = external global i32
declare void @__enzyme_fwddiff(ptr, ...)
declare void @__enzyme_autodiff(ptr, ...)

; Like an array's header: the count is written beside the elements.
define void @push(ptr %a, double %x) {
entry:
  %countp = getelementptr inbounds i8, ptr %a, i64 16
  %n = load i64, ptr %countp, align 8, !range !0
  %elements = getelementptr inbounds i8, ptr %a, i64 32
  %slot = getelementptr inbounds double, ptr %elements, i64 %n
  %sq = fmul double %x, %x
  store double %sq, ptr %slot, align 8
  %n1 = add nuw i64 %n, 1
  store i64 %n1, ptr %countp, align 8
  ret void
}

define void @caller(ptr %a, ptr %da, double %x) {
entry:
  %m = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_fwddiff(ptr @push, i32 %m, ptr %a, ptr %da, double %x, double 1.0)
  call void (ptr, ...) @__enzyme_autodiff(ptr @push, i32 %m, ptr %a, ptr %da, double %x)
  ret void
}
!0 = !{i64 0, i64 1000}

; CHECK-LABEL: define internal void @fwddiffepush(
; CHECK-SAME: ptr %a, ptr %"'a"
; CHECK: %"'countp" = getelementptr inbounds i8, ptr %"'a", i64 16
; CHECK: store double %sq, ptr %slot
; CHECK-NEXT: store double {{%.*}}, ptr %"'slot"
; CHECK: store i64 %n1, ptr %countp, align 8
; CHECK-NEXT: store i64 %n1, ptr %"'countp", align 8

; CHECK-LABEL: define internal void @augmented_push(
; CHECK: store i64 %n1, ptr %countp, align 8
; CHECK-NEXT: store i64 %n1, ptr %"'countp", align 8
