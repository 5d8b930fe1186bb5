; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; An entry point reached through `invoke` (the caller has cleanups): the derivative is invoked with
; the same unwind destination, and what follows the call moves to the normal path, which keeps its
; phi.

declare i32 @__gxx_personality_v0(...)
declare double @__enzyme_fwddiff(ptr, ...)

define double @square(double %x) {
  %m = fmul double %x, %x
  ret double %m
}

define double @caller(double %x) personality ptr @__gxx_personality_v0 {
entry:
  %d = invoke double (ptr, ...) @__enzyme_fwddiff(ptr @square, double %x, double 1.0) to label %ok unwind label %lpad
ok:
  %r = phi double [ %d, %entry ]
  ret double %r
lpad:
  %lp = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %lp
}

; CHECK-LABEL: define double @caller(
; CHECK: [[R:%.*]] = invoke { double, double } @fwddiffesquare(double %x, double 1.000000e+00)
; CHECK-NEXT: to label %[[CONT:.*]] unwind label %lpad
; CHECK: [[CONT]]:
; CHECK: [[T:%.*]] = extractvalue { double, double } [[R]], 1
; CHECK-NEXT: br label %ok
; CHECK: ok:
; CHECK-NEXT: phi double [ [[T]], %[[CONT]] ]
