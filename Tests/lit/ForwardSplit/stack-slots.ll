; RUN: %swad-opt %s --passes '' --pre-passes '' -S | FileCheck %s
; Unoptimized code keeps locals in stack slots. The tangent has no primal slot: the primal's loads
; from slots are tape values, its stores are gone, and the slot's address, used by nothing the
; tangent keeps, is not recorded. The tangent's own slot is the shadow's.
declare ptr @__enzyme_augmentfwd(ptr, ...)
declare double @__enzyme_fwdsplit(ptr, ...)

define double @f(double %x) {
entry:
  %slot = alloca double
  store double %x, ptr %slot
  %a = load double, ptr %slot
  %b = fmul double %a, %a
  store double %b, ptr %slot
  %c = load double, ptr %slot
  ret double %c
}

define double @caller(double %x) {
entry:
  %tape = call ptr (ptr, ...) @__enzyme_augmentfwd(ptr @f, double %x)
  %t = call double (ptr, ...) @__enzyme_fwdsplit(ptr @f, double %x, double 1.0, ptr %tape)
  ret double %t
}

; CHECK-LABEL: define internal { double, double } @fwdsplit_f(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]])
; CHECK: [[SHADOW:%.*]] = alloca double
; CHECK-NOT: alloca
; CHECK: store double [[DX]], ptr [[SHADOW]]
; CHECK: [[A:%.*]] = load double, ptr [[AT:%.*]], align 8
; CHECK-NOT: store double {{.*}}, ptr %slot
; CHECK: ret { double, double }

; CHECK-LABEL: define internal double @augmented_fwdsplit_f(
; CHECK: %slot = alloca double
; CHECK-NOT: store ptr %slot
; CHECK: %a = load double, ptr %slot
; CHECK-NEXT: call ptr @swad.tape.reserve
; CHECK: ret double
