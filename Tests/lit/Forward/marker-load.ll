; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The C idiom: `extern int enzyme_dup; ... __enzyme_fwddiff(f, enzyme_dup, x, dx, enzyme_const, y)`
; passes loads of the marker globals; they are recognized by the global's name.

@enzyme_dup = external global i32
@enzyme_const = external global i32
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x, double %y) {
entry:
  %r = fmul double %x, %y
  ret double %r
}

define double @caller(double %x, double %dx, double %y) {
entry:
  %d = load i32, ptr @enzyme_dup, align 4
  %c = load i32, ptr @enzyme_const, align 4
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %d, double %x, double %dx, i32 %c, double %y)
  ret double %t
}

; CHECK-LABEL: define double @caller(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], double [[Y:%.*]])
; CHECK-NOT: load
; CHECK: call { double, double } @fwddiffef(double [[X]], double [[DX]], double [[Y]])

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], double [[Y:%.*]])
; CHECK: fmul contract double [[Y]], [[DX]]
