; A helper copying 8 bytes as an integer (a generic swap) is called for an array of pointers and
; for an array of doubles: over the function and all its callers the bytes are both, and they were
; taken for a float, so the derivative for the pointers did not move the shadow pointers and the
; gradient through the swapped rows went to the wrong elements (silently). What the caller's
; memory holds at each call (the derivative's memory hints) decides the copy now
; (Reverse/Gradient+Memory.swift, copiedContent): the shadow pointer moves forward for the
; pointers, the adjoint backward for the doubles.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define internal void @augmented_move(
; CHECK: %bits = load i64, ptr %from
; CHECK-NEXT: %"'bits" = load i64, ptr %"'from"
; CHECK-NEXT: store i64 %bits, ptr %to
; CHECK-NEXT: store i64 %"'bits", ptr %"'to"

; CHECK-LABEL: define internal void @diffe_reverse_move.{{[0-9]+}}(
; CHECK: fadd

define internal void @move(ptr %to, ptr %from) noinline {
  %bits = load i64, ptr %from
  store i64 %bits, ptr %to
  ret void
}

define double @f(ptr %x) {
  %rows = alloca [2 x ptr]
  %values = alloca [2 x double]
  %row1 = getelementptr inbounds [2 x ptr], ptr %rows, i64 0, i64 1
  %x1 = getelementptr inbounds double, ptr %x, i64 1
  store ptr %x, ptr %rows
  store ptr %x1, ptr %row1
  call void @move(ptr %rows, ptr %row1)
  %x0v = load double, ptr %x
  %twice = fmul double %x0v, 2.0
  store double %twice, ptr %values
  %value1 = getelementptr inbounds [2 x double], ptr %values, i64 0, i64 1
  call void @move(ptr %value1, ptr %values)
  %p = load ptr, ptr %rows
  %v = load double, ptr %p
  %w = load double, ptr %value1
  %r = fadd double %v, %w
  ret double %r
}

define void @df(ptr %x, ptr %dx) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr @enzyme_dup, ptr %x, ptr %dx)
  ret void
}

@enzyme_dup = external global i32
declare void @__enzyme_autodiff(ptr, ...)
