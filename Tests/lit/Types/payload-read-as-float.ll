; An integer load some of whose users reinterpret the bits as a double and others use them as an
; integer: a Swift enum's payload switched on, a Double in one case and an Int in the other. A
; `load double` of the same address is now inserted right after the integer load for the
; reinterpreting users, which the derivative follows; the integer users keep the integer load
; (FloatCarriers.loadFloatsAsFloats, Types/FloatCarriers.swift). Before, the load stayed i64, the
; bitcast to double had no derivative, and the tangent was silently 0.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define double @f(
; CHECK-NEXT: entry:
; CHECK-NEXT: %bits = load i64, ptr %cell, align 8
; CHECK-NEXT: %[[D:[0-9]+]] = load double, ptr %cell, align 8
; CHECK: %sq = fmul double %[[D]], %[[D]]
; CHECK: %n = sitofp i64 %bits to double

; The tangent of the double case is read from the shadow as a double.
; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-NEXT: entry:
; CHECK-NEXT: %bits = load i64, ptr %cell, align 8
; CHECK-NEXT: %[[FD:[0-9]+]] = load double, ptr %cell, align 8
; CHECK-NEXT: %[[T:[0-9]+]] = load double, ptr %"'cell", align 8
; CHECK: real:
; CHECK-NEXT: %sq = fmul double %[[FD]], %[[FD]]
; CHECK-NEXT: %[[A:[0-9]+]] = fmul contract double %[[FD]], %[[T]]
; CHECK-NEXT: %[[B:[0-9]+]] = fmul contract double %[[FD]], %[[T]]
; CHECK-NEXT: %[[SUM:[0-9]+]] = fadd contract double %[[A]], %[[B]]
; CHECK: count:
; CHECK-NEXT: %n = sitofp i64 %bits to double
; CHECK: %"'r" = phi double [ %[[SUM]], %real ], [ 0.000000e+00, %count ]

define double @f(ptr %cell, i1 %isDouble) {
entry:
  %bits = load i64, ptr %cell, align 8
  br i1 %isDouble, label %real, label %count

real:
  %d = bitcast i64 %bits to double
  %sq = fmul double %d, %d
  br label %done

count:
  %n = sitofp i64 %bits to double
  br label %done

done:
  %r = phi double [ %sq, %real ], [ %n, %count ]
  ret double %r
}

define double @tangent(ptr %cell, ptr %dcell, i1 %isDouble) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr @enzyme_dup, ptr %cell, ptr %dcell, ptr @enzyme_const, i1 %isDouble)
  ret double %r
}

declare double @__enzyme_fwddiff(ptr, ...)
@enzyme_dup = external global i32
@enzyme_const = external global i32
