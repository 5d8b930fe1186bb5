; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Memory through an enzyme_dup pointer: a GEP of the pointer has the same GEP of the shadow, a load
; through it loads the tangent from the shadow, a store through it stores the tangent into the shadow.

@enzyme_dup = external global i32
declare void @__enzyme_fwddiff(ptr, ...)

; a[1] = a[0] * a[0]
define void @square_into_next(ptr %a) {
entry:
  %v = load double, ptr %a, align 8
  %sq = fmul double %v, %v
  %p = getelementptr inbounds double, ptr %a, i64 1
  store double %sq, ptr %p, align 8
  ret void
}

define void @caller(ptr %a, ptr %da) {
entry:
  %m = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_fwddiff(ptr @square_into_next, i32 %m, ptr %a, ptr %da)
  ret void
}

; CHECK-LABEL: define void @caller(
; CHECK-SAME: ptr [[A:%.*]], ptr [[DA:%.*]])
; CHECK: call void @fwddiffesquare_into_next(ptr [[A]], ptr [[DA]])
; CHECK-NEXT: ret void

; CHECK-LABEL: define internal void @fwddiffesquare_into_next(
; CHECK-SAME: ptr [[A:%.*]], ptr [[DA:%.*]])
; CHECK: [[V:%.*]] = load double, ptr [[A]], align 8
; CHECK-NEXT: [[DV:%.*]] = load double, ptr [[DA]], align 8
; CHECK-NEXT: [[SQ:%.*]] = fmul double [[V]], [[V]]
; CHECK-NEXT: [[T1:%.*]] = fmul contract double [[V]], [[DV]]
; CHECK-NEXT: [[T2:%.*]] = fmul contract double [[V]], [[DV]]
; CHECK-NEXT: [[DSQ:%.*]] = fadd contract double [[T1]], [[T2]]
; CHECK-NEXT: [[P:%.*]] = getelementptr inbounds double, ptr [[A]], i64 1
; CHECK-NEXT: [[DP:%.*]] = getelementptr inbounds double, ptr [[DA]], i64 1
; CHECK-NEXT: store double [[SQ]], ptr [[P]], align 8
; CHECK-NEXT: store double [[DSQ]], ptr [[DP]], align 8
; CHECK-NEXT: ret void
