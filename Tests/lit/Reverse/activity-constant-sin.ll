; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Activity: instructions that do not depend on an active input get no adjoint code. sin(c) of an
; enzyme_const argument and sin(0.5) of a literal are plain primal values: no cos in the reverse
; sweep, no adjoint slots (at -O0 an adjoint slot of %v is the alloca %dv) for %s, %t or %c.
@enzyme_const = external global i32
declare double @__enzyme_autodiff(ptr, ...)
declare double @llvm.sin.f64(double)
declare double @sin(double)

; x * sin(c) + x * sin(0.5): neither sine depends on x, so neither gets an adjoint (no cos).
define double @f(double %x, double %c) {
entry:
  %s = call double @sin(double %c)
  %t = call double @llvm.sin.f64(double 5.000000e-01)
  %a = fmul double %x, %s
  %b = fmul double %x, %t
  %r = fadd double %a, %b
  ret double %r
}

define double @caller(double %x, double %c) {
entry:
  %k = load i32, ptr @enzyme_const
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, i32 %k, double %c)
  ret double %g
}

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: call double @sin(double %c)
; CHECK: call double @llvm.sin.f64(double 5.000000e-01)
; CHECK-NOT: cos
; CHECK: ret double

; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; CHECK-NOT: {{%ds|%dt|%dc}} = alloca
; CHECK-NOT: cos
; CHECK: %dx = alloca double
; CHECK-NOT: {{%ds|%dt|%dc}} = alloca
; CHECK-NOT: cos
; CHECK: ret { double }
; CHECK-NOT: cos
; CHECK-LABEL: define internal { double } @diffef(
