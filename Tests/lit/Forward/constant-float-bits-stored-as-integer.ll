; An integer constant stored into shadowed memory is mirrored into the shadow, so that shadow code
; sees the same structure (an array's count, a tag). A Swift enum's `Double` payload is stored as an
; integer too (`.scale(1.5)` is `store i64 4609434218613702656`), and read back as a double by the
; case that holds one: mirrored, the bits of 1.5 became a tangent of 1.5. A nonzero 32- or 64-bit
; constant stored at bytes that the function also reads as a float now gets zero in the shadow, as a
; float constant would (ActivityAnalysis.storesFloatBits in Activity/ActivityAnalysis.swift, used by
; Forward/Forward+Memory.swift and Reverse/Gradient+Forward.swift); the constant, which can only be
; a double's bits (Types/ConstantBits.swift), is now stored as the double it is, its shadow zero. A
; count stored before the doubles (which are read at a variable index from offset 8 on) is still
; mirrored.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK: store i64 3, ptr %buf, align 8
; CHECK-NEXT: store i64 3, ptr %"'buf", align 8
; CHECK: store double 1.500000e+00, ptr %payload, align 8
; CHECK-NEXT: store double 0.000000e+00, ptr %"'payload", align 8
; CHECK: %"'v" = load double, ptr %"'element", align 8

; The forward sweep of the gradient mirrors the count; the double's adjoint is the reverse sweep's.
; CHECK-LABEL: define internal double @augmented_f(
; CHECK: store i64 3, ptr %buf, align 8
; CHECK-NEXT: store i64 3, ptr %"'buf", align 8
; CHECK: store double 1.500000e+00, ptr %payload, align 8
; CHECK-NOT: store {{.*}} ptr %"'payload"
; CHECK-LABEL: define internal void @diffe_reverse_f(

; The count at offset 0, then the payload of 1.5 at offset 8, the first of the doubles.
define double @f(ptr %buf, ptr %x, i64 %i) {
  store i64 3, ptr %buf, align 8
  %payload = getelementptr inbounds i8, ptr %buf, i64 8
  store i64 4609434218613702656, ptr %payload, align 8
  %element = getelementptr inbounds double, ptr %payload, i64 %i
  %v = load double, ptr %element, align 8
  %x0 = load double, ptr %x, align 8
  %r = fmul double %v, %x0
  ret double %r
}

define double @tangent(ptr %buf, ptr %dbuf, ptr %x, ptr %dx, i64 %i) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr @enzyme_dup, ptr %buf, ptr %dbuf, ptr @enzyme_dup, ptr %x, ptr %dx, ptr @enzyme_const, i64 %i)
  ret double %r
}

define void @gradient(ptr %buf, ptr %dbuf, ptr %x, ptr %dx, i64 %i) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr @enzyme_dup, ptr %buf, ptr %dbuf, ptr @enzyme_dup, ptr %x, ptr %dx, ptr @enzyme_const, i64 %i)
  ret void
}

declare double @__enzyme_fwddiff(ptr, ...)
declare void @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32
@enzyme_const = external global i32
