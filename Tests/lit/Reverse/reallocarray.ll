; reallocarray(pointer, count, size) is realloc of count × size bytes (Rules/KnownFunctions.swift
; `resizedBytes`): its result gets a shadow, grown from the old shadow, in both modes. Before, it was
; an unknown function: the block had no shadow, and a value with a derivative written into it and
; read back stopped the program (or, read by a helper called with no active argument, was silently
; 0 from optimized input).
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; Forward mode resizes the shadow with the same call.
; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK: %d = call ptr @reallocarray(ptr %old, i64 %n, i64 8)
; CHECK: %"'d" = call ptr @reallocarray(ptr %"'old", i64 %n, i64 8)
; CHECK: mul i64 %n, 8

; Reverse mode makes a new shadow block of count × size bytes.
; CHECK-LABEL: define internal double @augmented_f(
; CHECK: %d = call ptr @reallocarray(ptr %old, i64 %n, i64 8)
; CHECK: %[[BYTES:[0-9]+]] = mul i64 %n, 8
; CHECK: call ptr @malloc(i64 %[[BYTES]])

declare ptr @reallocarray(ptr, i64, i64)
declare double @__enzyme_fwddiff(ptr, ...)
declare double @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32
@enzyme_const = external global i32

define double @f(double %x, ptr %old, i64 %n) {
  %d = call ptr @reallocarray(ptr %old, i64 %n, i64 8)
  %sq = fmul double %x, %x
  store double %sq, ptr %d
  %v = load double, ptr %d
  ret double %v
}

define double @tangent(double %x, ptr %old, ptr %dold, i64 %n) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double 1.0, ptr @enzyme_dup, ptr %old, ptr %dold, ptr @enzyme_const, i64 %n)
  ret double %r
}

define double @gradient(double %x, ptr %old, ptr %dold, i64 %n) {
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, ptr @enzyme_dup, ptr %old, ptr %dold, ptr @enzyme_const, i64 %n)
  ret double %r
}

; A null block is none: the new block gets a shadow of its own (forward mode took a null first
; argument, its own shadow, for constant data, and the tangent was the primal's block: a double free).
; CHECK-LABEL: define internal { double, double } @fwddiffefresh(
; CHECK: %d = call ptr @reallocarray(ptr null, i64 %n, i64 8)
; CHECK: %"'d" = call ptr @reallocarray(ptr null, i64 %n, i64 8)

define double @fresh(double %x, i64 %n) {
  %d = call ptr @reallocarray(ptr null, i64 %n, i64 8)
  %sq = fmul double %x, %x
  store double %sq, ptr %d
  %v = load double, ptr %d
  call void @free(ptr %d)
  ret double %v
}

declare void @free(ptr)

define double @fresh_tangent(double %x, i64 %n) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @fresh, double %x, double 1.0, ptr @enzyme_const, i64 %n)
  ret double %r
}
