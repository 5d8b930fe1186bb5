; RUN: %swad-opt %s -O0 --pre-passes '' --print-activity | FileCheck %s --check-prefix=ACTIVITY
; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; An integer load of a double's bits tagged as the double (`load i64 ... !tbaa double`: clang copies
; a lambda's captured double into a std::function's storage so), stored elsewhere: a copy of the
; double, active, whose adjoint the reverse sweep moves back. Taken for an integer, it was inactive
; and the gradient through the copy silently 0.

declare double @__enzyme_autodiff(ptr, ...)

define double @f(ptr %p) {
entry:
  %box = alloca [2 x i64], align 8
  %bits = load i64, ptr %p, align 8, !tbaa !1
  store i64 %bits, ptr %box, align 8, !tbaa !1
  %x = load double, ptr %box, align 8, !tbaa !1
  %r = fmul double %x, 3.0
  ret double %r
}

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp)
  ret void
}

!0 = !{!"Simple C++ TBAA"}
!2 = !{!"omnipotent char", !0, i64 0}
!3 = !{!"double", !2, i64 0}
!1 = !{!3, !3, i64 0}

; ACTIVITY-LABEL: activity of @f (reverse; duplicated):
; ACTIVITY: active: ptr %p
; ACTIVITY: active: %bits = load i64, ptr %p

; The adjoint of the double read back, 3 d(result), reaches p's shadow.
; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK-SAME: ptr %tape, double %dret, ptr %p, ptr %"'p")
; CHECK: [[SCALED:%.*]] = fmul contract double 3.000000e+00,
; CHECK: [[SHADOW:%.*]] = load ptr, ptr %slot
; CHECK-NEXT: [[OLD:%.*]] = load double, ptr [[SHADOW]]
; CHECK-NEXT: fadd reassoc nsz contract double [[OLD]],
; CHECK-NEXT: store double {{%.*}}, ptr [[SHADOW]]
