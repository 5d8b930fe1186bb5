; A function with a registered forward derivative is differentiated by calling it: each argument is
; followed by its tangent, and the rule returns the result's tangent.
; RUN: %swad-opt %s -O0 --pre-passes='' -S | FileCheck %s

@__enzyme_register_derivative_ext = global [2 x ptr] [ptr @ext, ptr @ext_forward]

declare double @ext(double)
declare double @ext_forward(double, double)

define double @f(double %x) {
entry:
  %y = call double @ext(double %x)
  %z = fmul double %y, %x
  ret double %z
}

declare double @__enzyme_fwddiff(ptr, ...)

define double @caller(double %x) {
entry:
  %d = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double 1.0)
  ret double %d
}

; CHECK-LABEL: define internal { double, double } @fwddiffef(double %x, double %"'x")
; CHECK:         [[DY:%.*]] = call double @ext_forward(double %x, double %"'x")
; CHECK:         [[Y:%.*]] = call double @ext(double %x)
