; A mutable global that only code outside the derivatives writes (weights `main` fills, that the
; differentiated network only reads) gets no shadow: each derivative call would start it at zero
; and nothing in the call writes the global, so its tangents are zero and its adjoints go nowhere;
; accumulating and zeroing them cost as much as the derivative asked for. A global the
; differentiated code writes keeps its shadow, and so does one whose address the outside code
; hands to a function that keeps it (stored where the differentiated code may write through it) or
; to a derivative's entry point (the differentiated code may write it through its parameter).
; RUN: %swad-opt %s -O0 --pre-passes='' -S | FileCheck %s

; CHECK-NOT: @swad.shadow.weights
; CHECK-NOT: @swad.shadow.filled
; CHECK: @swad.shadow.kept = internal global [4 x double] zeroinitializer
; CHECK: @swad.shadow.state = internal global double 0.000000e+00
; CHECK: @swad.shadow.passed = internal global [2 x double] zeroinitializer
; CHECK-NOT: @swad.shadow.weights
; CHECK-NOT: @swad.shadow.filled
@weights = global [4 x double] zeroinitializer
@filled = global [4 x double] zeroinitializer
@kept = global [4 x double] zeroinitializer
@state = global double 0.0
@handle = global ptr null
@passed = global [2 x double] zeroinitializer

; Outside the derivatives: stores into the globals, a fill through a helper, an address kept.
define void @fill(ptr %p) {
  store double 1.5, ptr %p
  ret void
}
define void @keep(ptr %p) {
  store ptr %p, ptr @handle
  ret void
}

define double @net(ptr %x) {
  %x0 = load double, ptr %x
  %w = load double, ptr getelementptr inbounds ([4 x double], ptr @weights, i64 0, i64 1)
  %f = load double, ptr @filled
  %k = load double, ptr @kept
  %h = load ptr, ptr @handle
  store double %x0, ptr %h
  %y = fmul double %x0, %w
  %y2 = fmul double %y, %f
  %y3 = fmul double %y2, %k
  store double %y3, ptr @state
  %s = load double, ptr @state
  ret double %s
}

; Writes its first argument (the global, from the caller) and reads the global by name.
define double @scaled(ptr %p, ptr %x) {
  %x0 = load double, ptr %x
  store double %x0, ptr %p
  %g = load double, ptr @passed
  %y = fmul double %g, %x0
  ret double %y
}

declare double @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)

define void @main(ptr %x, ptr %dx) {
  store double 2.0, ptr getelementptr inbounds ([4 x double], ptr @weights, i64 0, i64 1)
  call void @fill(ptr @filled)
  call void @keep(ptr @kept)
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @net, ptr %x, ptr %dx)
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @net, ptr %x, ptr %dx)
  %s = call double (ptr, ...) @__enzyme_fwddiff(ptr @scaled, ptr @passed, ptr @passed, ptr %x, ptr %dx)
  ret void
}

; The weights' loads are constants in both derivatives: no shadow is read or added to.
; CHECK-LABEL: define internal {{.*}} @diffe_reverse_net(
; CHECK-NOT: swad.shadow.weights
; CHECK: load double, ptr @swad.shadow.kept
; CHECK: ret void
; CHECK-LABEL: define internal {{.*}} @fwddiffenet(
; CHECK-NOT: swad.shadow.weights
; CHECK: load double, ptr @swad.shadow.kept
; CHECK: ret
