; RUN: %swad-opt %s -O0 --pre-passes='' -S | FileCheck %s
; The spelling `--pre-passes=''` (an empty value after '=') turns the pre-AD pipeline off, exactly as
; `--pre-passes ''` does: the derivative is taken of the IR as written.

declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x) {
entry:
  %unused = fadd double %x, 1.000000e+00
  %r = fmul double %x, %x
  ret double %r
}

define double @caller(double %x, double %dx) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx)
  ret double %t
}

; Without pre-AD simplification the dead fadd is still in @f and in its derivative.
; CHECK-LABEL: define double @f(
; CHECK: fadd double %x, 1.000000e+00
; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK: fadd double %x, 1.000000e+00
