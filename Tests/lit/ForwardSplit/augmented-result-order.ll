; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; __enzyme_augmentfwd returns what its declared type says, as in split reverse mode: the tape alone,
; { tape, primal } or { primal, tape }. The primal result comes from the augmented primal, which has
; the original's type (no shadows: the primal needs none).
declare { ptr, double } @__enzyme_augmentfwd_tape_first(ptr, ...)
declare { double, ptr } @__enzyme_augmentfwd_primal_first(ptr, ...)
declare double @__enzyme_fwdsplit(ptr, ...)

define double @f(ptr %x) {
entry:
  %v = load double, ptr %x
  %r = fmul double %v, %v
  store double %r, ptr %x
  ret double %r
}

define double @caller(ptr %x, ptr %dx) {
entry:
  %a = call { ptr, double } (ptr, ...) @__enzyme_augmentfwd_tape_first(ptr @f, ptr %x, ptr %dx)
  %ta = extractvalue { ptr, double } %a, 0
  %pa = extractvalue { ptr, double } %a, 1
  %da = call double (ptr, ...) @__enzyme_fwdsplit(ptr @f, ptr %x, ptr %dx, ptr %ta)
  %b = call { double, ptr } (ptr, ...) @__enzyme_augmentfwd_primal_first(ptr @f, ptr %x, ptr %dx)
  %pb = extractvalue { double, ptr } %b, 0
  %tb = extractvalue { double, ptr } %b, 1
  %db = call double (ptr, ...) @__enzyme_fwdsplit(ptr @f, ptr %x, ptr %dx, ptr %tb)
  %s1 = fadd double %pa, %da
  %s2 = fadd double %pb, %db
  %s = fadd double %s1, %s2
  ret double %s
}

; CHECK-LABEL: define double @caller(
; CHECK: [[PA:%.*]] = call double @augmented_fwdsplit_f(ptr %x)
; CHECK: [[TA:%.*]] = call ptr @swad.fwdsplit.seal(
; CHECK: [[A0:%.*]] = insertvalue { ptr, double } poison, ptr [[TA]], 0
; CHECK: insertvalue { ptr, double } [[A0]], double [[PA]], 1
; CHECK: [[PB:%.*]] = call double @augmented_fwdsplit_f(ptr %x)
; CHECK: [[TB:%.*]] = call ptr @swad.fwdsplit.seal(
; CHECK: [[B0:%.*]] = insertvalue { double, ptr } poison, double [[PB]], 0
; CHECK: insertvalue { double, ptr } [[B0]], ptr [[TB]], 1
