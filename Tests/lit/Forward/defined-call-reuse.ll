; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Two calls of the same defined function with the same activities share one derivative.

declare double @__enzyme_fwddiff(ptr, ...)

define double @sq(double %x) {
entry:
  %r = fmul double %x, %x
  ret double %r
}

define double @f(double %x) {
entry:
  %a = call double @sq(double %x)
  %b = call double @sq(double %a)
  ret double %b
}

define double @caller(double %x, double %dx) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx)
  ret double %t
}

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]])
; CHECK: [[CA:%.*]] = call { double, double } @fwddiffesq(double [[X]], double [[DX]])
; CHECK-NEXT: [[A:%.*]] = extractvalue { double, double } [[CA]], 0
; CHECK-NEXT: [[DA:%.*]] = extractvalue { double, double } [[CA]], 1
; CHECK-NEXT: [[CB:%.*]] = call { double, double } @fwddiffesq(double [[A]], double [[DA]])
; CHECK-NEXT: [[B:%.*]] = extractvalue { double, double } [[CB]], 0
; CHECK-NEXT: [[DB:%.*]] = extractvalue { double, double } [[CB]], 1
; CHECK: [[P:%.*]] = insertvalue { double, double } poison, double [[B]], 0
; CHECK-NEXT: insertvalue { double, double } [[P]], double [[DB]], 1

; CHECK-LABEL: define internal { double, double } @fwddiffesq(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]])
; CHECK: fmul double [[X]], [[X]]

; Only one derivative of sq exists.
; CHECK-NOT: define {{.*}}@fwddiffesq
