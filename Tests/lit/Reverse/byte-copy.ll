; A copy byte by byte (C's `unsigned char` swap loop, typed as characters or not at all), here of a
; row pointer: the shadow's bytes move with the primal's (Activity/ActivityAnalysis.swift,
; isByteCopy). Before, the primal's bytes were mirrored into the destination's shadow, and the
; derivative through the swapped pointer was silently wrong. Forward mode moves the tangent's
; bytes the same way.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define internal void @augmented_swap_bytes(
; CHECK: %byte.a = load i8, ptr %at.a
; CHECK-NEXT: %"'byte.a" = load i8, ptr %"'at.a"
; CHECK: %byte.b = load i8, ptr %at.b
; CHECK-NEXT: %"'byte.b" = load i8, ptr %"'at.b"
; CHECK-NEXT: store i8 %byte.b, ptr %at.a
; CHECK-NEXT: store i8 %"'byte.b", ptr %"'at.a"
; CHECK-NEXT: store i8 %byte.a, ptr %at.b
; CHECK-NEXT: store i8 %"'byte.a", ptr %"'at.b"

; CHECK-LABEL: define internal void @fwddiffeswap_bytes(
; CHECK: %"'byte.a" = load i8, ptr %"'at.a"
; CHECK: store i8 %"'byte.b", ptr %"'at.a"

define internal void @swap_bytes(ptr %a, ptr %b) noinline {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %at.a = getelementptr inbounds i8, ptr %a, i64 %i
  %byte.a = load i8, ptr %at.a, !tbaa !0
  %at.b = getelementptr inbounds i8, ptr %b, i64 %i
  %byte.b = load i8, ptr %at.b, !tbaa !0
  store i8 %byte.b, ptr %at.a, !tbaa !0
  store i8 %byte.a, ptr %at.b, !tbaa !0
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, 8
  br i1 %done, label %exit, label %loop
exit:
  ret void
}

define double @f(ptr %x) {
  %rows = alloca [2 x ptr]
  %row1 = getelementptr inbounds [2 x ptr], ptr %rows, i64 0, i64 1
  %x1 = getelementptr inbounds double, ptr %x, i64 1
  store ptr %x, ptr %rows
  store ptr %x1, ptr %row1
  call void @swap_bytes(ptr %rows, ptr %row1)
  %p = load ptr, ptr %rows
  %v = load double, ptr %p
  %r = fmul double %v, 10.0
  ret double %r
}

define void @df(ptr %x, ptr %dx) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr @enzyme_dup, ptr %x, ptr %dx)
  ret void
}

define double @tf(ptr %x, ptr %tx) {
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr @enzyme_dup, ptr %x, ptr %tx)
  ret double %t
}

@enzyme_dup = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)

!0 = !{!1, !1, i64 0}
!1 = !{!"omnipotent char", !2, i64 0}
!2 = !{!"Simple C/C++ TBAA"}
