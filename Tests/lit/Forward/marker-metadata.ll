; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A marker may be a metadata string argument: metadata !"enzyme_dup", metadata !"enzyme_const".

declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x, double %y) {
entry:
  %r = fmul double %x, %y
  ret double %r
}

define double @caller(double %x, double %dx, double %y) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, metadata !"enzyme_dup", double %x, double %dx, metadata !"enzyme_const", double %y)
  ret double %t
}

; CHECK-LABEL: define double @caller(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], double [[Y:%.*]])
; CHECK: call { double, double } @fwddiffef(double [[X]], double [[DX]], double [[Y]])

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], double [[Y:%.*]])
; CHECK: fmul contract double [[Y]], [[DX]]
