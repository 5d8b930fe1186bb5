; A global pointer whose memory only a callee writes through (`fill(work, x)`, the pointer loaded by
; the caller and handed on) gets a shadow global too (Support/GlobalShadows.swift, four calls deep),
; so that the function reading the memory, called with no active argument (`energy(work)`), is
; differentiated and its read checked (Support/UnshadowedMemory.swift). Before, only stores in the
; loading function counted: `energy` was taken for inactive and the derivative was silently 0.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK: @swad.shadow.work = internal global ptr null

; CHECK-LABEL: define internal void @fwddiffefill(
; CHECK: call void @swad.unshadowed.write(ptr %w, i64 8,

; The reader is differentiated, handed the shadow global's pointer, and its read checked.
; CHECK-LABEL: define internal { double, double } @fwddiffeenergy(
; CHECK: call void @swad.unshadowed.read(ptr %w, i64 8,

@work = internal global ptr null

define void @fill(ptr %w, double %x) {
  %sq = fmul double %x, %x
  store double %sq, ptr %w
  ret void
}

define double @energy(ptr %w) {
  %v = load double, ptr %w
  %r = fmul double %v, 3.0
  ret double %r
}

define double @f(double %x) {
  %p = load ptr, ptr @work
  call void @fill(ptr %p, double %x)
  %e = call double @energy(ptr %p)
  ret double %e
}

define void @setup() {
  %b = call ptr @malloc(i64 8)
  store ptr %b, ptr @work
  ret void
}

declare ptr @malloc(i64)
declare double @__enzyme_fwddiff(ptr, ...)

define double @tangent(double %x, double %dx) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx)
  ret double %r
}
