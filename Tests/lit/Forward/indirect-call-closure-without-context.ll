; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A Swift closure call passes the closure's context as a last `swiftself` argument; a closure that
; captures nothing is a function without that parameter (Swift's calling convention lets the call
; pass it anyway). Such functions are candidates of the call (Support/IndirectCallPromotion.swift):
; the dispatcher calls them with the arguments before the context. Before, no function had the
; call's type and the call was refused ("an indirect call with active arguments").

; CHECK-LABEL: define internal double @swad.dispatch.indirect.apply(
; CHECK-DAG: call swiftcc double @scaled(double %1, ptr swiftself %2)
; CHECK-DAG: call swiftcc double @square(double %1)
; CHECK-LABEL: define internal { double, double } @fwddiffeapply(
; CHECK: call { double, double } @fwddiffeswad.dispatch.indirect.apply(ptr %f, double %x, double %"'x", ptr swiftself %context)
; CHECK-LABEL: define internal { double, double } @fwddiffeswad.dispatch.indirect.apply(
; CHECK-DAG: call { double, double } @fwddiffescaled(double %1, double %2, ptr swiftself %3)
; CHECK-DAG: call { double, double } @fwddiffesquare(double %1, double %2)

@table = global [2 x { ptr, ptr }] [{ ptr, ptr } { ptr @square, ptr null }, { ptr, ptr } { ptr @scaled, ptr null }]

define swiftcc double @square(double %x) {
  %r = fmul double %x, %x
  ret double %r
}

define swiftcc double @scaled(double %x, ptr swiftself %context) {
  %r = fmul double %x, 3.0
  ret double %r
}

define double @apply(i64 %i, double %x) {
entry:
  %slot = getelementptr [2 x { ptr, ptr }], ptr @table, i64 0, i64 %i
  %f = load ptr, ptr %slot
  %context.at = getelementptr inbounds i8, ptr %slot, i64 8
  %context = load ptr, ptr %context.at
  %r = call swiftcc double %f(double %x, ptr swiftself %context)
  ret double %r
}

declare double @__enzyme_fwddiff(ptr, ...)

define double @caller(i64 %i, double %x, double %dx) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @apply, i64 %i, double %x, double %dx)
  ret double %t
}
