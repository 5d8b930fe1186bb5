; A mutable double global written by the function gets an internal, zero-initialized shadow global;
; the tangent of a store to the global is stored to the shadow, a load's tangent is loaded from it.
; A constant global is inactive and gets no shadow.
; RUN: %swad-opt %s -O0 --pre-passes='' -S | FileCheck %s

; CHECK: @swad.shadow.state = internal global double 0.000000e+00
; CHECK-NOT: swad.shadow.table
@state = global double 0.0
@table = constant [2 x double] [double 2.0, double 3.0]

define double @f(double %x) {
entry:
  %t = load double, ptr getelementptr inbounds ([2 x double], ptr @table, i64 0, i64 1)
  %y = fmul double %x, %t
  store double %y, ptr @state
  %z = load double, ptr @state
  %w = fmul double %z, %z
  ret double %w
}

declare double @__enzyme_fwddiff(ptr, ...)

define double @caller(double %x) {
entry:
  %d = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double 1.0)
  ret double %d
}

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK:         [[DY:%.*]] = fmul contract double %t, %"'x"
; CHECK:         store double [[DY]], ptr @swad.shadow.state
; CHECK:         load double, ptr @swad.shadow.state
