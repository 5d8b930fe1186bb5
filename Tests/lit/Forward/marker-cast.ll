; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A cast of a marker load (a front end passing the int marker as i64) is the marker; the load and the
; cast do not survive, so the program needs no definition of the marker global.

@enzyme_const = external global i32
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x, double %y) {
entry:
  %r = fmul double %x, %y
  ret double %r
}

define double @caller(double %x, double %dx, double %y) {
entry:
  %c = load i32, ptr @enzyme_const, align 4
  %z = sext i32 %c to i64
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx, i64 %z, double %y)
  ret double %t
}

; CHECK-NOT: @enzyme_const
; CHECK-LABEL: define double @caller(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], double [[Y:%.*]])
; CHECK-NOT: @enzyme_const
; CHECK-NOT: sext
; CHECK: call { double, double } @fwddiffef(double [[X]], double [[DX]], double [[Y]])

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], double [[Y:%.*]])
; CHECK-NOT: @enzyme_const
