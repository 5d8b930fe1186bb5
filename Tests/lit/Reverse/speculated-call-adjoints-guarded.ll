; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; `x > 0 ? g(x) : 0` with g not inlined and computed first: the call's result is only a select's
; arm, so its seed is 0 where the select discards it, and g's own reverse computes 0 · (log x + 1),
; NaN for a negative x. g takes no memory, so the adjoint it returns for x is guarded at the call:
; 0 where the seed is (Reverse/Gradient+SpeculatedValues.swift).

declare double @__enzyme_autodiff(ptr, ...)
declare double @llvm.log.f64(double)

define internal double @g(double %v) noinline {
entry:
  %l = call double @llvm.log.f64(double %v)
  %r = fmul double %v, %l
  ret double %r
}

define double @f(double %x) {
entry:
  %e = call double @g(double %x)
  %keep = fcmp ogt double %x, 0.0
  %kept = select i1 %keep, double %e, double 0.0
  ret double %kept
}

define void @caller(double %x) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret void
}

; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; CHECK: store double {{%[0-9]+}}, ptr %de
; CHECK-NEXT: [[SEED:%[0-9]+]] = load double, ptr %de
; CHECK-NEXT: store double -0.000000e+00, ptr %de
; CHECK-NEXT: [[ADJOINTS:%[0-9]+]] = call { double } @diffe_reverse_g(ptr %tape, double [[SEED]], double %x)
; CHECK-NEXT: [[DX:%[0-9]+]] = extractvalue { double } [[ADJOINTS]], 0
; CHECK-NEXT: [[ZERO:%[0-9]+]] = fcmp oeq double [[SEED]], 0.000000e+00
; CHECK-NEXT: select i1 [[ZERO]], double 0.000000e+00, double [[DX]]
; CHECK: ret { double }
