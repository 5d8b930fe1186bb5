; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; Batched reverse mode: enzyme_width 2 with __enzyme_autodiff. One augmented forward sweep takes
; both lanes' shadows; the reverse function takes one result seed and one shadow per lane and
; returns one adjoint per lane of each enzyme_out argument (argument-major, lane 0 first).

declare { double, double } @__enzyme_autodiff(ptr, ...)

define double @f(double %x, ptr %p) {
entry:
  %a = load double, ptr %p
  %m = fmul double %x, %a
  store double %m, ptr %p
  ret double %m
}

define { double, double } @caller(double %x, ptr %p, ptr %dp0, ptr %dp1) {
entry:
  %r = call { double, double } (ptr, ...) @__enzyme_autodiff(ptr @f, metadata !"enzyme_width", i64 2, double %x,
                                                             metadata !"enzyme_dup", ptr %p, ptr %dp0, ptr %dp1)
  ret { double, double } %r
}

; CHECK-LABEL: define { double, double } @caller(
; CHECK: call { double, double } @diffef(double %x, ptr %p, ptr %dp0, ptr %dp1)

; The forward sweep runs once, with both lanes' shadows.
; CHECK-LABEL: define internal double @augmented_f(double %x, ptr %p, ptr %"'p", ptr %"'p.1", ptr %tape)
; CHECK: fmul double
; CHECK-NOT: fmul
; The reverse sweep gets each lane's shadow from the tape.
; CHECK-DAG: store ptr %"'p", ptr %[[S0:slot[0-9]*]]
; CHECK-DAG: store ptr %"'p.1", ptr %[[S1:slot[0-9]*]]
; CHECK: ret double

; CHECK-LABEL: define internal { double, double } @diffe_reverse_f(ptr %tape, double %dret, double %dret.1, double %x, ptr %p, ptr %"'p", ptr %"'p.1")
; Each lane's result seed, then each lane's x̄ = a·(dret + shadow).
; CHECK: fadd reassoc nsz contract double %{{.*}}, %dret
; CHECK: fadd reassoc nsz contract double %{{.*}}, %dret.1
; CHECK: exit:
; CHECK-NEXT: [[DX0:%[0-9]+]] = load double, ptr %dx,
; CHECK-NEXT: store
; CHECK-NEXT: [[DX1:%[0-9]+]] = load double, ptr %dx{{[0-9]+}},
; CHECK: [[R:%[0-9]+]] = insertvalue { double, double } poison, double [[DX0]], 0
; CHECK: insertvalue { double, double } [[R]], double [[DX1]], 1

; The combined gradient seeds the result with 1.0 in every lane.
; CHECK-LABEL: define internal { double, double } @diffef(double %x, ptr %p, ptr %"'p", ptr %"'p.1")
; CHECK: call double @augmented_f(
; CHECK: call { double, double } @diffe_reverse_f(ptr %tape, double 1.000000e+00, double 1.000000e+00,
