; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The Rust idiom: the marker global itself is passed (`ptr @enzyme_const`), not a load of it.

@enzyme_dup = external global i8
@enzyme_const = external global i8
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x, double %y) {
entry:
  %r = fmul double %x, %y
  ret double %r
}

define double @caller(double %x, double %dx, double %y) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr @enzyme_dup, double %x, double %dx, ptr @enzyme_const, double %y)
  ret double %t
}

; CHECK-LABEL: define double @caller(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], double [[Y:%.*]])
; CHECK: call { double, double } @fwddiffef(double [[X]], double [[DX]], double [[Y]])

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], double [[Y:%.*]])
; CHECK: fmul contract double [[Y]], [[DX]]
