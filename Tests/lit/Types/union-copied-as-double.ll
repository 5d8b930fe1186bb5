; A union of a double and a pointer is declared by clang as its first member, and copied as
; `load double`, `store double` (tagged as characters) whichever member it holds. Where the memory
; holds only pointers by its other accesses, the copy is given back its pointer type before AD
; (Types/RetypedCopies.swift), through the select that chooses its source, so that the shadow
; pointer moves with it. Before, the shadow stayed null and the gradient crashed.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define internal void @choose(
; CHECK: %[[FROM:.+]] = select i1 %first, ptr %a, ptr %b
; CHECK-NEXT: %[[P:[0-9]+]] = load ptr, ptr %[[FROM]], align 8
; CHECK-NEXT: store ptr %[[P]], ptr %out, align 8
; CHECK-NEXT: ret void

; The augmented choice copies the shadow pointer along with the pointer.
; CHECK-LABEL: define internal void @augmented_choose(
; CHECK: %"'from" = select i1 %first, ptr %"'a", ptr %"'b"
; CHECK: %[[SP:.+]] = load ptr, ptr %"'from", align 8
; CHECK: store ptr %[[SP]], ptr %"'out", align 8

%union.Cell = type { double }

define internal void @choose(ptr %out, ptr %a, ptr %b, i1 %first) noinline {
  %from = select i1 %first, ptr %a, ptr %b
  %bits = load double, ptr %from, align 8, !tbaa !1
  store double %bits, ptr %out, align 8, !tbaa !1
  ret void
}

define internal double @read(ptr %cell) noinline {
  %p = load ptr, ptr %cell, align 8, !tbaa !1
  %v = load double, ptr %p, align 8
  ret double %v
}

define double @f(ptr %x, i1 %first) {
  %cells = alloca [2 x %union.Cell], align 8
  %chosen = alloca %union.Cell, align 8
  %x1 = getelementptr inbounds double, ptr %x, i64 1
  store ptr %x, ptr %cells, align 8, !tbaa !1
  %second = getelementptr inbounds %union.Cell, ptr %cells, i64 1
  store ptr %x1, ptr %second, align 8, !tbaa !1
  call void @choose(ptr %chosen, ptr %cells, ptr %second, i1 %first)
  %v = call double @read(ptr %chosen)
  ret double %v
}

define void @df(ptr %x, ptr %dx, i1 %first) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr @enzyme_dup, ptr %x, ptr %dx, ptr @enzyme_const, i1 %first)
  ret void
}

declare void @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32
@enzyme_const = external global i32

!0 = !{!"omnipotent char", !2, i64 0}
!1 = !{!0, !0, i64 0}
!2 = !{!"Simple C/C++ TBAA"}
