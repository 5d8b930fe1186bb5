; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; An in-place update (x[0] *= x[0]): the augmented primal performs it and records the loaded value;
; the tangent writes only the shadow, reading the old x[0] from the tape instead of from memory
; that the primal has already overwritten.
declare ptr @__enzyme_augmentfwd(ptr, ...)
declare double @__enzyme_fwdsplit(ptr, ...)

define void @square_in_place(ptr %x) {
entry:
  %v = load double, ptr %x
  %sq = fmul double %v, %v
  store double %sq, ptr %x
  ret void
}

define void @caller(ptr %x, ptr %dx) {
entry:
  %tape = call ptr (ptr, ...) @__enzyme_augmentfwd(ptr @square_in_place, ptr %x, ptr %dx)
  %t = call double (ptr, ...) @__enzyme_fwdsplit(ptr @square_in_place, ptr %x, ptr %dx, ptr %tape)
  ret void
}
