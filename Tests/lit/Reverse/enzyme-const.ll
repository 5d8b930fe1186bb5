; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; enzyme_const arguments: a constant scalar gets no adjoint (it is not in the returned struct and
; no partial with respect to it is computed); a constant pointer gets no shadow parameter and loads
; through it get no adjoint; enzyme_out and enzyme_dup arguments around them are unaffected.
@enzyme_const = external global i32
@enzyme_out = external global i32
@enzyme_dup = external global i32
declare double @__enzyme_autodiff(ptr, ...)

; f(x, y, p, q) = x * y * p[0] * q[0]
define double @f(double %x, double %y, ptr %p, ptr %q) {
entry:
  %xy = fmul double %x, %y
  %pv = load double, ptr %p, align 8
  %qv = load double, ptr %q, align 8
  %a = fmul double %xy, %pv
  %r = fmul double %a, %qv
  ret double %r
}

; x active, y constant, p constant (no shadow), q duplicated.
define double @caller(double %x, double %y, ptr %p, ptr %q, ptr %dq) {
entry:
  %o = load i32, ptr @enzyme_out
  %c = load i32, ptr @enzyme_const
  %d = load i32, ptr @enzyme_dup
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %o, double %x, i32 %c, double %y, i32 %c, ptr %p, i32 %d, ptr %q, ptr %dq)
  ret double %g
}

; CHECK-LABEL: define double @caller(
; CHECK-SAME: double [[X:%.*]], double [[Y:%.*]], ptr [[P:%.*]], ptr [[Q:%.*]], ptr [[DQ:%.*]])
; CHECK: [[G:%.*]] = call { double } @diffef(double [[X]], double [[Y]], ptr [[P]], ptr [[Q]], ptr [[DQ]])
; CHECK: [[GX:%.*]] = extractvalue { double } [[G]], 0
; CHECK: ret double [[GX]]

; CHECK-LABEL: define internal double @augmented_f(
; CHECK-SAME: double [[X:%.*]], double [[Y:%.*]], ptr [[P:%.*]], ptr [[Q:%.*]], ptr [[DQ:%.*]], ptr [[TAPE:%.*]])
; x's own value is never needed by the reverse sweep (only y's, for x̄ = y · (xy)̄).
; CHECK-NOT: store double [[X]]
; CHECK: ret double

; Four partials: ā = qv·r̄, q̄v = a·r̄, (xy)̄ = pv·ā, x̄ = y·(xy)̄. None for y, pv or p.
; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; CHECK-SAME: ptr [[TAPE:%.*]], double [[DRET:%.*]])
; CHECK-COUNT-3: fmul contract double
; CHECK-NOT: fmul
; CHECK: [[OLD:%.*]] = load double, ptr [[DQ:%.*]]
; CHECK-NEXT: [[NEW:%.*]] = fadd reassoc nsz contract double [[OLD]]
; CHECK-NEXT: store double [[NEW]], ptr [[DQ]]
; CHECK: fmul contract double
; CHECK-NOT: fmul
; CHECK-NOT: store double
; CHECK: insertvalue { double } poison, double {{%.*}}, 0
; CHECK-NEXT: ret { double }
