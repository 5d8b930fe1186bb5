; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; A call of another defined function: the tangent calls the callee's split tangent, which reads the
; callee's records (the thread's cursor is handed over around the call), and takes the call's primal
; result from its own tape after them; the augmented primal calls the callee's augmented primal and
; records the result right after the call, in the same order.
declare ptr @__enzyme_augmentfwd(ptr, ...)
declare double @__enzyme_fwdsplit(ptr, ...)

define double @g(ptr %p) {
entry:
  %v = load double, ptr %p
  %r = fmul double %v, %v
  store double 0.0, ptr %p
  ret double %r
}

define double @f(ptr %p) {
entry:
  %a = call double @g(ptr %p)
  %b = fmul double %a, %a
  ret double %b
}

define double @caller(ptr %x, ptr %dx) {
entry:
  %tape = call ptr (ptr, ...) @__enzyme_augmentfwd(ptr @f, ptr %x, ptr %dx)
  %t = call double (ptr, ...) @__enzyme_fwdsplit(ptr @f, ptr %x, ptr %dx, ptr %tape)
  ret double %t
}

; CHECK-LABEL: define internal { double, double } @fwdsplit_f(
; CHECK-SAME: ptr [[P:%.*]], ptr [[DP:%.*]])
; CHECK: [[START:%.*]] = load ptr, ptr @swad.fwdsplit.cursor
; CHECK: store ptr [[START]], ptr @swad.fwdsplit.cursor
; CHECK-NEXT: [[PAIR:%.*]] = call { double, double } @fwdsplit_g(ptr [[P]], ptr [[DP]])
; CHECK-NEXT: [[AFTER:%.*]] = load ptr, ptr @swad.fwdsplit.cursor
; CHECK: [[A:%.*]] = load double, ptr [[AFTER]], align 8
; CHECK: [[DA:%.*]] = extractvalue { double, double } [[PAIR]], 1
; CHECK: fmul contract double [[A]], [[DA]]

; CHECK-LABEL: define internal { double, double } @fwdsplit_g(
; CHECK: load ptr, ptr @swad.fwdsplit.cursor
; CHECK: [[V:%.*]] = load double, ptr {{%.*}}, align 8
; CHECK: store double 0.000000e+00, ptr %"'p"
; CHECK: store ptr {{%.*}}, ptr @swad.fwdsplit.cursor

; CHECK-LABEL: define internal double @augmented_fwdsplit_g(
; CHECK: [[V:%.*]] = load double, ptr %p
; CHECK-NEXT: call ptr @swad.tape.reserve
; CHECK: store double 0.000000e+00, ptr %p

; CHECK-LABEL: define internal double @augmented_fwdsplit_f(
; CHECK: [[A:%.*]] = call double @augmented_fwdsplit_g(ptr %p)
; CHECK-NEXT: [[REC:%.*]] = call ptr @swad.tape.reserve(ptr {{%.*}}, i64 8)
; CHECK-NEXT: store double [[A]], ptr [[REC]], align 8
