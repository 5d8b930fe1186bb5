; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A function of the call's IR type is a candidate only where its parameters are passed as the
; call's arguments are (Support/IndirectCallPromotion.swift): `swiftself`, `swifterror` and the
; like at the same places. A Swift closure that throws takes its error slot `swifterror` where one
; that does not takes its context `swiftself` (String's `split` test beside `max()`'s `<`, both
; `i1 (ptr, ptr, ptr)`); the call of the one made a call of the other, and the module failed
; verification.

; CHECK-LABEL: define internal i1 @swad.dispatch.indirect.larger(
; CHECK: call swiftcc i1 @less(ptr %1, ptr %2, ptr swiftself %3)
; CHECK-NOT: @throwing
; CHECK: ret i1

@table = global [2 x ptr] [ptr @less, ptr @throwing]

define swiftcc i1 @less(ptr %a, ptr %b, ptr swiftself %context) {
  %x = load double, ptr %a
  %y = load double, ptr %b
  %r = fcmp olt double %x, %y
  ret i1 %r
}

define swiftcc i1 @throwing(ptr %a, ptr swiftself %context, ptr swifterror %error) {
  %x = load double, ptr %a
  %r = fcmp olt double %x, 0.0
  ret i1 %r
}

define double @larger(i64 %i, ptr %a, ptr %b) {
entry:
  %slot = getelementptr [2 x ptr], ptr @table, i64 0, i64 %i
  %f = load ptr, ptr %slot
  %less = call swiftcc i1 %f(ptr %a, ptr %b, ptr swiftself null)
  %p = select i1 %less, ptr %b, ptr %a
  %r = load double, ptr %p
  ret double %r
}

declare double @__enzyme_fwddiff(ptr, ...)

define double @caller(i64 %i, ptr %a, ptr %da, ptr %b, ptr %db) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @larger, i64 %i, ptr %a, ptr %da, ptr %b, ptr %db)
  ret double %t
}
