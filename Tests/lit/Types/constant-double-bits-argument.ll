; A 64-bit constant that can only be a double's bits (`ConstantBits.isPlainlyDouble`) says the
; integer it flows into carries a double: a Swift enum's constant `Double` payload (`.scale(2.0)`)
; passed to a function that is not inlined and stores it, a C union of a constant double passed by
; value. The parameter was taken for an integer and mirrored into the shadow: forward mode gave
; the constant as its own tangent, and for a call of the same function with an element of the
; input (`.shift(p[0])`, loaded as an i64) reverse mode lost the element's derivative. The function
; now takes the double (`put.unpacked`), and both calls pass doubles.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

declare double @__enzyme_fwddiff(ptr, ...)
declare double @__enzyme_autodiff(ptr, ...)

define void @put(ptr %slot, i64 %bits) noinline {
  store i64 %bits, ptr %slot
  ret void
}

; put(&slot, 2.0) then slot * x
define double @scaled(ptr %slot, double %x) {
  call void @put(ptr %slot, i64 4611686018427387904)
  %v = load double, ptr %slot
  %y = fmul double %v, %x
  ret double %y
}

; put(&slot, p[0]) then slot * p[1]
define double @shifted(ptr %slot, ptr %p) {
  %first = load i64, ptr %p
  call void @put(ptr %slot, i64 %first)
  %v = load double, ptr %slot
  %second.at = getelementptr inbounds double, ptr %p, i64 1
  %second = load double, ptr %second.at
  %y = fmul double %v, %second
  ret double %y
}

define void @derivatives(ptr %s, ptr %ds, double %x, ptr %p, ptr %dp) {
  %a = call double (ptr, ...) @__enzyme_fwddiff(ptr @scaled, ptr %s, ptr %ds, double %x, double 1.0)
  %b = call double (ptr, ...) @__enzyme_autodiff(ptr @shifted, ptr %s, ptr %ds, ptr %p, ptr %dp)
  ret void
}

; CHECK-LABEL: define double @scaled(
; CHECK: call void @put.unpacked(ptr %slot, double 2.000000e+00)
; CHECK-LABEL: define double @shifted(
; CHECK: %[[FIRST:[0-9a-z.]+]] = load double, ptr %p
; CHECK: call void @put.unpacked(ptr %slot, double %[[FIRST]])
; CHECK-LABEL: define internal void @put.unpacked(ptr %slot, double %bits.double0)
; CHECK: store double %bits.double0, ptr %slot
