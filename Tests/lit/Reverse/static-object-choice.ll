; A choice between two of Swift's static objects made before they are initialized
; (`swift_initStaticObject(metadata, select c, @A+8, @B+8)`, what `c ? specsA : specsB` of two
; constant array literals becomes) is split into one initialization per object and a choice of
; the results (StaticObjectChoices), so that each has a shadow object: the shadows are chosen as
; the primals are. It was refused ("its object is not a global's").
; RUN: %swad-opt --pre-passes '' -O0 %s -S | FileCheck %s

; CHECK-LABEL: define internal double @augmented_f(
; CHECK:         %[[A:[0-9]+]] = call ptr @swift_initStaticObject(ptr @"$sSaySdGMf", ptr getelementptr inbounds (i8, ptr @A, i64 8))
; CHECK-NEXT:    %[[SA:[0-9]+]] = call ptr @swift_initStaticObject(ptr @"$sSaySdGMf", ptr getelementptr (i8, ptr @swad.static.reverse.A, i64 8))
; CHECK-NEXT:    %[[B:[0-9]+]] = call ptr @swift_initStaticObject(ptr @"$sSaySdGMf", ptr getelementptr inbounds (i8, ptr @B, i64 8))
; CHECK-NEXT:    %[[SB:[0-9]+]] = call ptr @swift_initStaticObject(ptr @"$sSaySdGMf", ptr getelementptr (i8, ptr @swad.static.reverse.B, i64 8))
; CHECK-NEXT:    select i1 %c, ptr %[[A]], ptr %[[B]]
; CHECK-NEXT:    %"'" = select i1 %c, ptr %[[SA]], ptr %[[SB]]

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@A = internal global { i64, <{ ptr, i64, i64, i64, [2 x double] }> } { i64 0, <{ ptr, i64, i64, i64, [2 x double] }> <{ ptr null, i64 0, i64 2, i64 4, [2 x double] [double 1.5, double 2.0] }> }, align 8
@B = internal global { i64, <{ ptr, i64, i64, i64, [2 x double] }> } { i64 0, <{ ptr, i64, i64, i64, [2 x double] }> <{ ptr null, i64 0, i64 2, i64 4, [2 x double] [double -3.0, double 0.5] }> }, align 8
@"$sSaySdGMf" = external global ptr

declare ptr @swift_initStaticObject(ptr, ptr)

; x[0] * w[0] + x[1] * w[1], w one of two constant arrays.
define double @f(ptr %x, i1 %c) {
  %object = select i1 %c, ptr getelementptr inbounds (i8, ptr @A, i64 8), ptr getelementptr inbounds (i8, ptr @B, i64 8)
  %w = call ptr @swift_initStaticObject(ptr @"$sSaySdGMf", ptr %object)
  %w0 = getelementptr inbounds i8, ptr %w, i64 32
  %w1 = getelementptr inbounds i8, ptr %w, i64 40
  %a = load double, ptr %w0
  %b = load double, ptr %w1
  %x1p = getelementptr inbounds double, ptr %x, i64 1
  %x0 = load double, ptr %x
  %x1 = load double, ptr %x1p
  %p = fmul double %x0, %a
  %q = fmul double %x1, %b
  %r = fadd double %p, %q
  ret double %r
}

declare void @__enzyme_autodiff(ptr, ...)
@enzyme_const = external global i32

define void @gradient(ptr %x, ptr %dx, i1 %c) {
  %k = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx, i32 %k, i1 %c)
  ret void
}
