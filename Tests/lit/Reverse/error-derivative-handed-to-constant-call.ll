; A value with a derivative stored into memory without a shadow (an object passed as a constant),
; which is then handed to a callee that gets no argument with a derivative: the callee runs as it
; is and reads the value as a constant, so its derivative would be lost silently. Both modes refuse
; it, naming the call and the store (Support/UnshadowedMemory.swift, requireNoDerivativeHandedAway).
; RUN: not %swad-opt %s --pre-passes '' -o /dev/null 2>&1 | FileCheck %s
; RUN: sed -e 's/@__enzyme_autodiff(ptr @f, double %x,/@__enzyme_fwddiff(ptr @f, double %x, double 1.0,/' %s | not %swad-opt --pre-passes '' -o /dev/null 2>&1 | FileCheck %s

; CHECK: error: in function 'f': a derivative would be lost: 'read' is called here with no argument that has a derivative, so it runs as it is, but it is handed memory without a shadow into which a store of a value with a derivative in function 'f' wrote

define internal double @read(ptr %object) noinline {
  %v = load double, ptr %object
  ret double %v
}

define double @f(double %x, ptr %object) {
  %y = fmul double %x, %x
  store double %y, ptr %object
  %r = call double @read(ptr %object)
  ret double %r
}

define void @df(double %x, ptr %object) {
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, ptr @enzyme_const, ptr %object)
  ret void
}

@enzyme_const = external global i32
declare double @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)
