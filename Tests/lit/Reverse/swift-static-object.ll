; swift_initStaticObject (Rules/SwiftRuntime.swift): a constant array literal that Swift lays out in a
; global. Its shadow is the same call on a shadow global with the same counts and zero doubles, one
; for forward mode and one for reverse mode (whose adjoints of the constants go nowhere), and the
; derivative reads the shadow through it like any array's.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK: @swad.static.reverse.storage = internal global %Static <{ [1 x i64] zeroinitializer, %Storage <{ ptr null, i64 0, i64 3, i64 6, [3 x double] zeroinitializer }> }>
; CHECK: @swad.static.storage = internal global %Static <{ [1 x i64] zeroinitializer, %Storage <{ ptr null, i64 0, i64 3, i64 6, [3 x double] zeroinitializer }> }>

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: %w = call ptr @swift_initStaticObject(ptr @metadata, ptr getelementptr (%Static, ptr @storage, i32 0, i32 1))
; CHECK-NEXT: %"'w" = call ptr @swift_initStaticObject(ptr @metadata, ptr getelementptr (%Static, ptr @swad.static.reverse.storage, i32 0, i32 1))

; The adjoint of a constant element goes into the reverse shadow (the shadow pointer kept on the tape).
; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: %[[ELEMENT:[0-9]+]] = getelementptr inbounds %Storage, ptr %{{[0-9]+}}, i64 0, i32 4, i64 %{{[0-9]+}}
; CHECK-NEXT: %[[OLD:[0-9]+]] = load double, ptr %[[ELEMENT]]
; CHECK-NEXT: %[[SUM:[0-9]+]] = fadd reassoc nsz contract double %[[OLD]], %{{[0-9]+}}
; CHECK-NEXT: store double %[[SUM]], ptr %[[ELEMENT]]

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK: %w = call ptr @swift_initStaticObject(ptr @metadata, ptr getelementptr (%Static, ptr @storage, i32 0, i32 1))
; CHECK-NEXT: %"'w" = call ptr @swift_initStaticObject(ptr @metadata, ptr getelementptr (%Static, ptr @swad.static.storage, i32 0, i32 1))

; The object: a once-token word, then a header (metadata, reference count), a count, a capacity
; and three doubles.
%Storage = type <{ ptr, i64, i64, i64, [3 x double] }>
%Static = type <{ [1 x i64], %Storage }>

@storage = internal global %Static <{ [1 x i64] zeroinitializer, %Storage <{ ptr null, i64 0, i64 3, i64 6, [3 x double] [double 1.0, double 2.0, double 0.5] }> }>
@metadata = external global ptr

declare ptr @swift_initStaticObject(ptr, ptr)

define double @f(ptr %x) {
entry:
  %w = call ptr @swift_initStaticObject(ptr @metadata, ptr getelementptr (%Static, ptr @storage, i32 0, i32 1))
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %s = phi double [ 0.0, %entry ], [ %s2, %loop ]
  %wp = getelementptr inbounds %Storage, ptr %w, i64 0, i32 4, i64 %i
  %wi = load double, ptr %wp
  %xp = getelementptr inbounds double, ptr %x, i64 %i
  %xi = load double, ptr %xp
  %t = fmul double %xi, %xi
  %u = fmul double %t, %wi
  %s2 = fadd double %s, %u
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, 3
  br i1 %done, label %exit, label %loop
exit:
  ret double %s2
}

declare double @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)

define double @gradient(ptr %x, ptr %dx) {
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx)
  ret double %r
}

define double @tangent(ptr %x, ptr %dx) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %x, ptr %dx)
  ret double %r
}
