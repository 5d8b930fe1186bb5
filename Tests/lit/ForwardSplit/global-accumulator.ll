; RUN: %swad-opt %s --passes 'mem2reg,instsimplify,simplifycfg' --pre-passes '' -S | FileCheck %s
; A global updated in place with active data (total += x[0]): the augmented primal updates it, once,
; and records the old total, which the tangent needs (the result is x[0] * total); the tangent reads
; and writes only the global's shadow, and takes the old total from the tape, not from the global
; that the primal has changed since.
declare ptr @__enzyme_augmentfwd(ptr, ...)
declare double @__enzyme_fwdsplit(ptr, ...)
@total = global double 0.0

define double @f(ptr %x) {
entry:
  %v = load double, ptr %x
  %t = load double, ptr @total
  %sum = fadd double %t, %v
  store double %sum, ptr @total
  %r = fmul double %v, %sum
  ret double %r
}

define double @caller(ptr %x, ptr %dx) {
entry:
  %tape = call ptr (ptr, ...) @__enzyme_augmentfwd(ptr @f, ptr %x, ptr %dx)
  %d = call double (ptr, ...) @__enzyme_fwdsplit(ptr @f, ptr %x, ptr %dx, ptr %tape)
  ret double %d
}

; CHECK-LABEL: define internal { double, double } @fwdsplit_f(
; CHECK-NOT: ptr @total
; CHECK: [[OLD:%.*]] = load double, ptr %tape.next, align 8
; CHECK-NOT: ptr @total
; CHECK: load double, ptr @swad.shadow.total
; CHECK-NOT: ptr @total
; CHECK: store double {{%.*}}, ptr @swad.shadow.total
; CHECK-NOT: ptr @total
; CHECK: ret { double, double }

; CHECK-LABEL: define internal double @augmented_fwdsplit_f(
; CHECK: [[T:%.*]] = load double, ptr @total
; CHECK-NEXT: [[REC:%.*]] = call ptr @swad.tape.reserve
; CHECK-NEXT: store double [[T]], ptr [[REC]]
; CHECK: store double {{%.*}}, ptr @total
