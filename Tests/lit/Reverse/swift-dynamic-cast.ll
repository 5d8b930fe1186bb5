; swift_dynamicCastClass(object, type) returns the object, or null when it is not of that class
; (Swift's Array(slice) asks it whether the slice's storage is a native array buffer). A shadow
; object has its primal's class, so the same cast of the shadow is the result's shadow
; (Rules/SwiftRuntime.swift, isDynamicCast); it was refused as a runtime function without a rule.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: %cast = call ptr @swift_dynamicCastClass(ptr %object, ptr @type)
; CHECK-NEXT: %"'cast" = call ptr @swift_dynamicCastClass(ptr %"'object", ptr @type)

@type = external constant ptr
declare ptr @swift_dynamicCastClass(ptr, ptr)

define double @f(ptr %object) {
  %cast = call ptr @swift_dynamicCastClass(ptr %object, ptr @type)
  %field = getelementptr inbounds i8, ptr %cast, i64 32
  %v = load double, ptr %field
  %r = fmul double %v, %v
  ret double %r
}

define void @df(ptr %object, ptr %shadow) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr @enzyme_dup, ptr %object, ptr %shadow)
  ret void
}

@enzyme_dup = external global i32
declare void @__enzyme_autodiff(ptr, ...)
