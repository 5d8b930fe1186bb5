; The [Any] array a Swift `print(x, y)` builds is only written and handed to print (no derivative)
; and counted: it needs no shadow, and is inactive; a shadow of zeros crashed when released (its
; elements' type fields are the primal's only). An object that is also read, or handed to a
; function that is differentiated, keeps its shadow (Activity/ActivityAnalysis.swift,
; isOnlyWrittenForOutput).
; RUN: %swad-opt %s --pre-passes '' --print-activity | FileCheck %s

; CHECK-LABEL: activity of @f (reverse; active):
; CHECK:         inactive: %printed = call ptr @swift_allocObject(
; CHECK:         active:   %read = call ptr @swift_allocObject(
; CHECK:         active:   %passed = call ptr @swift_allocObject(

@"$sSdN" = external global ptr

declare ptr @swift_allocObject(ptr, i64, i64)
declare void @swift_release(ptr)
declare swiftcc void @"$ss5print_9separator10terminatoryypd_S2StF"(ptr, i64, ptr, i64, ptr)

define internal double @keep(ptr %object) noinline {
  %slot = getelementptr inbounds i8, ptr %object, i64 32
  %v = load double, ptr %slot
  ret double %v
}

define double @f(double %x) {
  %y = fmul double %x, %x
  %printed = call ptr @swift_allocObject(ptr null, i64 64, i64 7)
  %element = getelementptr inbounds i8, ptr %printed, i64 32
  store double %y, ptr %element
  %type = getelementptr inbounds i8, ptr %printed, i64 56
  store ptr @"$sSdN", ptr %type
  call swiftcc void @"$ss5print_9separator10terminatoryypd_S2StF"(ptr %printed, i64 32, ptr null, i64 10, ptr null)
  call void @swift_release(ptr %printed)
  %read = call ptr @swift_allocObject(ptr null, i64 64, i64 7)
  %cell = getelementptr inbounds i8, ptr %read, i64 32
  store double %y, ptr %cell
  %back = load double, ptr %cell
  %passed = call ptr @swift_allocObject(ptr null, i64 64, i64 7)
  %field = getelementptr inbounds i8, ptr %passed, i64 32
  store double %back, ptr %field
  %kept = call double @keep(ptr %passed)
  ret double %kept
}

define double @df(double %x) {
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %d
}

declare double @__enzyme_autodiff(ptr, ...)
