; A function whose integer parameter carries a double's bits (its body does `bitcast i64 %p to
; double` and computes with the double) is split into a wrapper and a `.unpacked` body taking the
; double; the wrapper is marked alwaysinline so that its callers pass the double itself
; (Types/FloatCarriers.swift). Swift's `@inline(never)` marks the call sites `noinline` as well as
; the function, and that call-site attribute kept the wrapper: the caller passed `load i64` bits,
; which have no derivative, and the gradient was silently 0. The call sites of the wrapper now lose
; their `noinline`; the body keeps the user's `noinline`.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; The wrapper is inlined into the caller despite the call site's attribute: the caller loads the
; double and passes it to the body.
; CHECK-LABEL: define double @f(
; CHECK-NEXT: %[[X:[0-9]+]] = load double, ptr %x, align 8
; CHECK-NEXT: call swiftcc double @value.unpacked(double %[[X]], i8 0)
; CHECK-NOT: define {{.*}} @value(

; CHECK-LABEL: define internal swiftcc double @value.unpacked(double %p.double0, i8 %tag)
; CHECK-SAME: #[[NOINLINE:[0-9]+]]

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: %[[XA:[0-9]+]] = load double, ptr %x, align 8
; CHECK-NEXT: call double @augmented_value.unpacked(double %[[XA]], i8 0, ptr %tape)

; The reverse sweep takes the body's adjoint for the double and adds it to the shadow of x.
; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: %[[R:[0-9]+]] = call { double } @diffe_reverse_value.unpacked(ptr %tape, double %{{[0-9]+}}, double %{{[0-9]+}}, i8 poison)
; CHECK-NEXT: %[[DX:[0-9]+]] = extractvalue { double } %[[R]], 0
; CHECK: %[[SHADOW:[0-9]+]] = load ptr, ptr %slot{{[0-9]*}}, align 8
; CHECK-NEXT: %[[OLD:[0-9]+]] = load double, ptr %[[SHADOW]], align 8
; CHECK-NEXT: %[[NEW:[0-9]+]] = fadd reassoc nsz contract double %[[OLD]], %{{[0-9]+}}
; CHECK-NEXT: store double %[[NEW]], ptr %[[SHADOW]], align 8

; CHECK: attributes #[[NOINLINE]] = { noinline }

define internal swiftcc double @value(i64 %p, i8 %tag) noinline {
  %d = bitcast i64 %p to double
  %r = fmul double %d, %d
  ret double %r
}

define double @f(ptr %x) {
  %bits = load i64, ptr %x, align 8
  %v = call swiftcc double @value(i64 %bits, i8 0) #0
  ret double %v
}

define void @df(ptr %x, ptr %dx) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr @enzyme_dup, ptr %x, ptr %dx)
  ret void
}

declare void @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32

attributes #0 = { noinline }
