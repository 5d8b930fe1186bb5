; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; The return value for two enzyme_out arguments: a struct of their adjoints in argument order
; (constant arguments between them take no field), converted to the declared struct type.
%struct.G2 = type { double, double }

@enzyme_out = external global i32
@enzyme_const = external global i32
declare %struct.G2 @__enzyme_autodiff(ptr, ...)

; f(a, k, b) = a * a * k + 3 * b
define double @f(double %a, double %k, double %b) {
entry:
  %aa = fmul double %a, %a
  %t = fmul double %aa, %k
  %u = fmul double %b, 3.0
  %r = fadd double %t, %u
  ret double %r
}

; Two enzyme_out arguments (a and b, with a constant k between them): a struct of their adjoints in
; argument order, here declared as a named struct type.
define %struct.G2 @caller(double %a, double %k, double %b) {
entry:
  %o = load i32, ptr @enzyme_out
  %c = load i32, ptr @enzyme_const
  %g = call %struct.G2 (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %o, double %a, i32 %c, double %k, i32 %o, double %b)
  ret %struct.G2 %g
}

; CHECK-LABEL: define %struct.G2 @caller(
; CHECK: [[G:%.*]] = call { double, double } @diffef(double %a, double %k, double %b)
; CHECK: [[GA:%.*]] = extractvalue { double, double } [[G]], 0
; CHECK: [[GB:%.*]] = extractvalue { double, double } [[G]], 1
; CHECK: [[S0:%.*]] = insertvalue %struct.G2 poison, double [[GA]], 0
; CHECK: [[S1:%.*]] = insertvalue %struct.G2 [[S0]], double [[GB]], 1
; CHECK: ret %struct.G2 [[S1]]

; CHECK-LABEL: define internal { double, double } @diffe_reverse_f(
; CHECK-SAME: ptr [[TAPE:%.*]], double [[DRET:%.*]])
; b̄ = 3 · r̄ goes in field 1; ā = 2·a·k·r̄ (as k·r̄·a + k·r̄·a) in field 0; no field for k.
; CHECK: [[DBC:%.*]] = fmul contract double 3.000000e+00, {{%.*}}
; CHECK: [[DB:%.*]] = fadd reassoc nsz contract double {{.*}}[[DBC]]
; The two contributions to ā meet in one fadd of two values (the others add to the 0.0 start).
; CHECK: [[DA:%.*]] = fadd reassoc nsz contract double %{{[^ ,]+}}, %{{[^ ,]+}}
; CHECK-NEXT: br label %exit
; CHECK: [[R0:%.*]] = insertvalue { double, double } poison, double [[DA]], 0
; CHECK: [[R1:%.*]] = insertvalue { double, double } [[R0]], double [[DB]], 1
; CHECK: ret { double, double } [[R1]]
