; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; An invoke of a function with an active argument: the derivative invokes the callee's derivative,
; unwinding through a pad of its own into the copy of the landing pad (whose `landingpad` becomes a
; phi of the pads'), and the exception path is differentiated like the rest before `resume`.

declare i32 @__gxx_personality_v0(...)
declare double @__enzyme_fwddiff(ptr, ...)

define double @square(double %x) {
  %m = fmul double %x, %x
  ret double %m
}

define void @cleanup() {
  ret void
}

define double @f(double %x) personality ptr @__gxx_personality_v0 {
entry:
  %y = invoke double @square(double %x) to label %ok unwind label %lpad
ok:
  %z = fmul double %y, %x
  ret double %z
lpad:
  %lp = landingpad { ptr, i32 } cleanup
  call void @cleanup()
  resume { ptr, i32 } %lp
}

define double @caller(double %x) {
  %d = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double 1.0)
  ret double %d
}

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: personality ptr @__gxx_personality_v0
; CHECK: [[R:%.*]] = invoke { double, double } @fwddiffesquare(double %x, double %"'x")
; CHECK-NEXT: to label %[[CONT:.*]] unwind label %[[PAD:.*]]
; CHECK: [[CONT]]:
; CHECK: extractvalue { double, double } [[R]], 1
; CHECK: br label %ok
; CHECK: lpad:
; CHECK-NEXT: [[LP:%.*]] = phi { ptr, i32 } [ [[PADLP:%.*]], %[[PAD]] ]
; CHECK-NEXT: call void @cleanup()
; CHECK-NEXT: resume { ptr, i32 } [[LP]]
; CHECK: [[PAD]]:
; CHECK-NEXT: [[PADLP]] = landingpad { ptr, i32 }
; CHECK-NEXT: cleanup
; CHECK-NEXT: br label %lpad
