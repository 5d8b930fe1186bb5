; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Without a marker, a pointer argument is duplicated: its shadow follows it.

declare double @__enzyme_fwddiff(ptr, ...)

define double @f(ptr %p) {
entry:
  %v = load double, ptr %p, align 8
  %r = fmul double %v, %v
  ret double %r
}

define double @caller(ptr %p, ptr %dp) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %p, ptr %dp)
  ret double %t
}

; CHECK-LABEL: define double @caller(
; CHECK-SAME: ptr [[P:%.*]], ptr [[DP:%.*]])
; CHECK: call { double, double } @fwddiffef(ptr [[P]], ptr [[DP]])

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: ptr [[P:%.*]], ptr [[DP:%.*]])
; CHECK: load double, ptr [[P]]
; CHECK: load double, ptr [[DP]]
