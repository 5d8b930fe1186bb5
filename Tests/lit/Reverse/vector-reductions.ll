; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; llvm.vector.reduce.* of float vectors, which the loop vectorizer makes of sums and products (with
; fast-math's reassociation) and of maxima and minima (fmax in a loop, at plain -O2): rules over the
; lanes in the rule table (RuleTable.vectorReductions). They were refused as calls without a body
; or a rule. fadd's lanes and start each get the adjoint; fmax's adjoint goes to the first lane equal
; to the result.

declare double @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)
declare double @llvm.vector.reduce.fadd.v2f64(double, <2 x double>)
declare double @llvm.vector.reduce.fmax.v2f64(<2 x double>)
@enzyme_dup = external global i32

define double @sum(double %s, ptr %x) {
  %v = load <2 x double>, ptr %x, align 16
  %r = call reassoc double @llvm.vector.reduce.fadd.v2f64(double %s, <2 x double> %v)
  ret double %r
}

define double @largest(ptr %x) {
  %v = load <2 x double>, ptr %x, align 16
  %r = call double @llvm.vector.reduce.fmax.v2f64(<2 x double> %v)
  ret double %r
}

define void @df(double %s, ptr %x, ptr %dx, ptr %v) {
  %a = call double (ptr, ...) @__enzyme_autodiff(ptr @sum, double %s, ptr @enzyme_dup, ptr %x, ptr %dx)
  %b = call double (ptr, ...) @__enzyme_autodiff(ptr @largest, ptr @enzyme_dup, ptr %x, ptr %dx)
  %c = call double (ptr, ...) @__enzyme_fwddiff(ptr @largest, ptr @enzyme_dup, ptr %x, ptr %v)
  ret void
}

; The adjoint of the sum, in both lanes of x's shadow and as the start's derivative.
; CHECK-LABEL: define internal {{.*}} @diffe_reverse_sum(
; CHECK:       [[L0:%[0-9]+]] = insertelement <2 x double> poison, double [[SEED:%[0-9]+]], i32 0
; CHECK:       insertelement <2 x double> [[L0]], double [[SEED]], i32 1
; CHECK:       ret

; Lane 0 takes it where it equals the result; lane 1 only where lane 0 does not.
; CHECK-LABEL: define internal {{.*}} @diffe_reverse_largest(
; CHECK:       [[X0:%[0-9]+]] = extractelement <2 x double> [[V:%[0-9]+]], i32 0
; CHECK:       [[X1:%[0-9]+]] = extractelement <2 x double> [[V]], i32 1
; CHECK:       [[E0:%[0-9]+]] = fcmp oeq double [[X0]], [[R:%[0-9]+]]
; CHECK:       select i1 [[E0]], double 1.000000e+00, double 0.000000e+00
; CHECK:       [[F0:%[0-9]+]] = fcmp oeq double [[X0]], [[R]]
; CHECK:       [[E1:%[0-9]+]] = fcmp oeq double [[X1]], [[R]]
; CHECK:       [[P1:%[0-9]+]] = select i1 [[E1]], double 1.000000e+00, double 0.000000e+00
; CHECK:       select i1 [[F0]], double 0.000000e+00, double [[P1]]
; CHECK:       ret

; CHECK-LABEL: define internal {{.*}} @fwddiffelargest(
; CHECK:       call double @llvm.vector.reduce.fmax.v2f64(
; CHECK:       fcmp oeq double
; CHECK:       ret
