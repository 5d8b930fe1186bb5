; A module whose derivatives never write a value with a derivative into memory without a shadow has
; no unshadowed-memory checks at all (Support/UnshadowedMemory.swift): the reads of constant data
; that would have checked the records, and the resets before the derivative calls, are removed.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-NOT: swad.unshadowed
; CHECK-LABEL: define internal double @augmented_g(
; CHECK-NOT: swad.unshadowed

define double @g(ptr %x, ptr %table) {
entry:
  %xv = load double, ptr %x
  %t = load double, ptr %table
  %r = fmul double %t, %xv
  ret double %r
}

declare double @__enzyme_autodiff(ptr, ...)

define double @gradient_g(ptr %x, ptr %dx, ptr %table) {
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @g, ptr %x, ptr %dx, metadata !"enzyme_const", ptr %table)
  ret double %r
}
