; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A constant global (a table) is inactive: it gets no shadow, and values loaded from it have no
; tangent.

@table = internal constant [2 x double] [double 2.0, double 3.0], align 8
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x, i64 %i) {
entry:
  %p = getelementptr inbounds [2 x double], ptr @table, i64 0, i64 %i
  %c = load double, ptr %p, align 8
  %r = fmul double %x, %c
  ret double %r
}

define double @caller(double %x, double %dx, i64 %i) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx, i64 %i)
  ret double %t
}

; CHECK-NOT: swad.shadow
; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], i64 [[I:%.*]])
; CHECK: [[P:%.*]] = getelementptr inbounds [2 x double], ptr @table, i64 0, i64 [[I]]
; CHECK-NEXT: [[C:%.*]] = load double, ptr [[P]], align 8
; CHECK-NEXT: [[R:%.*]] = fmul double [[X]], [[C]]
; CHECK-NEXT: [[DR:%.*]] = fmul contract double [[C]], [[DX]]
; CHECK-NOT: swad.shadow
