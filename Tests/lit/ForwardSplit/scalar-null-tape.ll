; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; A scalar function whose tangent needs no primal value that the arguments do not give: the tangent
; `fwdsplit_f` reads nothing from the tape, so it accepts any tape, even null (as Enzyme's tests pass
; it), and frees it (free(null) does nothing). The call returns the tangent alone.
declare double @__enzyme_fwdsplit(ptr, ...)

define double @f(double %x) {
entry:
  %m = fmul double %x, %x
  ret double %m
}

define double @caller(double %x) {
entry:
  %r = call double (ptr, ...) @__enzyme_fwdsplit(ptr @f, double %x, double 1.0, ptr null)
  ret double %r
}

; CHECK-LABEL: define double @caller(
; CHECK: [[PAIR:%.*]] = call { double, double } @fwdsplit_f(double %x, double 1.000000e+00)
; CHECK-NEXT: call void @free(ptr null)
; CHECK-NEXT: [[T:%.*]] = extractvalue { double, double } [[PAIR]], 1
; CHECK-NEXT: ret double [[T]]

; CHECK-LABEL: define internal { double, double } @fwdsplit_f(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]])
; CHECK-NOT: swad.fwdsplit.cursor
; CHECK: [[A:%.*]] = fmul contract double [[X]], [[DX]]
; CHECK: [[B:%.*]] = fmul contract double [[X]], [[DX]]
; CHECK: [[S:%.*]] = fadd contract double [[A]], [[B]]
; CHECK: [[R:%.*]] = insertvalue { double, double } {{.*}}, double [[S]], 1
; CHECK-NEXT: ret { double, double } [[R]]
