; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A phi whose incoming values all resolve to the same marker (as optimized C code may produce when
; the call sits after a branch) is that marker.

@enzyme_const = external global i32
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x, double %y) {
entry:
  %r = fmul double %x, %y
  ret double %r
}

define double @caller(i1 %b, double %x, double %dx, double %y) {
entry:
  br i1 %b, label %left, label %right

left:
  %c1 = load i32, ptr @enzyme_const, align 4
  br label %join

right:
  %c2 = load i32, ptr @enzyme_const, align 4
  br label %join

join:
  %c = phi i32 [ %c1, %left ], [ %c2, %right ]
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx, i32 %c, double %y)
  ret double %t
}

; The marker global, its loads and the phi of them do not survive.
; CHECK-NOT: @enzyme_const
; CHECK-LABEL: define double @caller(
; CHECK-SAME: i1 [[B:%.*]], double [[X:%.*]], double [[DX:%.*]], double [[Y:%.*]])
; CHECK-NOT: @enzyme_const
; CHECK: call { double, double } @fwddiffef(double [[X]], double [[DX]], double [[Y]])

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], double [[Y:%.*]])
; CHECK-NOT: @enzyme_const
