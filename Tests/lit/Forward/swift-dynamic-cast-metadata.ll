; Forward mode repeats swift_dynamicCastClass(object, type) on the shadow object with the same
; class metadata: a shadow object has its primal's class. The metadata was passed as its tangent,
; null, and the cast of the shadow crashed in the Swift runtime (`as?`, `is` and `case let x as T`
; to a class that is not final). Reverse mode: Reverse/swift-dynamic-cast.ll.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK: %cast = call ptr @swift_dynamicCastClass(ptr %object, ptr getelementptr inbounds (i8, ptr @metadata, i64 24))
; CHECK-NEXT: %"'cast" = call ptr @swift_dynamicCastClass(ptr %"'object", ptr getelementptr inbounds (i8, ptr @metadata, i64 24))

@metadata = external constant [64 x i8]
declare ptr @swift_dynamicCastClass(ptr, ptr)

define double @f(ptr %object) {
  %cast = call ptr @swift_dynamicCastClass(ptr %object, ptr getelementptr inbounds (i8, ptr @metadata, i64 24))
  %field = getelementptr inbounds i8, ptr %cast, i64 32
  %v = load double, ptr %field
  %r = fmul double %v, %v
  ret double %r
}

define double @df(ptr %object, ptr %shadow) {
  %d = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr @enzyme_dup, ptr %object, ptr %shadow)
  ret double %d
}

@enzyme_dup = external global i32
declare double @__enzyme_fwddiff(ptr, ...)
