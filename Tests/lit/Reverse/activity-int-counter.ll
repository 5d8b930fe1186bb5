; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Activity: an integer loop counter (and what is computed only from it) gets no adjoint: the reverse
; sweep has adjoint slots (at -O0, the alloca %dv of a value %v) for the float chain %sum, %term,
; %sumnext and x only; none for %i, %inext or the conversion %fi.
declare double @__enzyme_autodiff(ptr, ...)

; sum_{i<n} x * i: the counter %i, its increment and its conversion %fi do not depend on x.
define double @f(double %x, i64 %n) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %inext, %loop ]
  %sum = phi double [ 0.0, %entry ], [ %sumnext, %loop ]
  %fi = sitofp i64 %i to double
  %term = fmul double %x, %fi
  %sumnext = fadd double %sum, %term
  %inext = add i64 %i, 1
  %done = icmp eq i64 %inext, %n
  br i1 %done, label %exit, label %loop

exit:
  ret double %sumnext
}

define double @caller(double %x, i64 %n) {
entry:
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, i64 %n)
  ret double %g
}

; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; CHECK-NOT: {{%di|%dinext|%dfi|%ddone}} = alloca
; CHECK-DAG: %dsumnext = alloca double
; CHECK-DAG: %dsum = alloca double
; CHECK-DAG: %dterm = alloca double
; CHECK-DAG: %dx = alloca double
; CHECK-NOT: {{%di|%dinext|%dfi|%ddone}} = alloca
; CHECK: ret { double }
; CHECK-LABEL: define internal { double } @diffef(
