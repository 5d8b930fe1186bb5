; A pointer argument marked enzyme_const that a helper writes floating-point values through, with
; another function reading the memory (CallSites/ConstantArgumentsWrittenThrough.swift), is passed
; with the primal pointer as its shadow: the reading helper is differentiated and its read checked
; (Support/UnshadowedMemory.swift), where it was taken for inactive (a silently wrong derivative).
; A constant argument that is only read stays constant.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define double @tangent(
; CHECK: call { double, double } @fwddiffef(double %x, double 1.000000e+00, ptr %work, ptr %work, ptr %table)
; CHECK-LABEL: define double @gradient(
; CHECK: call { double } @diffef(double %x, ptr %work, ptr %work, ptr %table)

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK: call { double, double } @fwddiffeget(ptr %work, ptr %"'work")
; CHECK-LABEL: define internal { double, double } @fwddiffeget(
; CHECK: call void @swad.unshadowed.read(

@enzyme_const = external global i32
declare double @__enzyme_fwddiff(ptr, ...)
declare double @__enzyme_autodiff(ptr, ...)

define internal void @put(ptr %w, double %v) noinline {
  %sq = fmul double %v, %v
  store double %sq, ptr %w
  ret void
}

define internal double @get(ptr %w) noinline {
  %v = load double, ptr %w
  ret double %v
}

define double @f(double %x, ptr %work, ptr %table) {
  call void @put(ptr %work, double %x)
  %r = call double @get(ptr %work)
  %t = call double @get(ptr %table)
  %s = fmul double %r, %t
  ret double %s
}

define double @tangent(double %x, ptr %work, ptr %table) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double 1.0, ptr @enzyme_const, ptr %work, ptr @enzyme_const, ptr %table)
  ret double %r
}

define double @gradient(double %x, ptr %work, ptr %table) {
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, ptr @enzyme_const, ptr %work, ptr @enzyme_const, ptr %table)
  ret double %r
}
