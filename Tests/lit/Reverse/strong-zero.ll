; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; enzyme_strong_zero (a flag of the whole call, before any argument): each adjoint term, a partial
; times a seed, is 0 where the seed or the partial is 0, so that an infinite or NaN partial
; (pow(x, 0.5) at 0) does not make the input's adjoint NaN. The flag asks for a derivative of its own, which the callees'
; derivatives share. Without it, the terms are the plain products. Constant partials (fadd's 1)
; need no test.

@enzyme_strong_zero = external global i32
declare { double, double } @__enzyme_autodiff(ptr, ...)
declare double @llvm.pow.f64(double, double)

define double @root(double %x) {
entry:
  %p = call double @llvm.pow.f64(double %x, double 5.000000e-01)
  ret double %p
}

define double @f(double %x, double %y) {
entry:
  %p = call double @root(double %x)
  %r = fmul double %p, %y
  %s = fadd double %r, %y
  ret double %s
}

define { double, double } @strong(double %x, double %y) {
entry:
  %m = load i32, ptr @enzyme_strong_zero
  %g = call { double, double } (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %m, double %x, double %y)
  ret { double, double } %g
}

define { double, double } @plain(double %x, double %y) {
entry:
  %g = call { double, double } (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, double %y)
  ret { double, double } %g
}

; CHECK-LABEL: define { double, double } @strong(
; CHECK: call { double, double } @diffef(double %x, double %y)

; CHECK-LABEL: define { double, double } @plain(
; CHECK: call { double, double } @diffef.{{[0-9]+}}(double %x, double %y)

; The strong-zero reverse of f: fmul's two terms are 0 where the seed or the partial is (the seed
; of fadd's constant partial is not tested), then the call of root's reverse.
; CHECK-LABEL: define internal { double, double } @diffe_reverse_f(
; CHECK: [[R:%.*]] = fadd reassoc nsz contract double -0.000000e+00, %dret
; CHECK-NEXT: [[SEED:%.*]] = fadd reassoc nsz contract double -0.000000e+00, [[R]]
; CHECK-NEXT: [[Y:%.*]] = fadd reassoc nsz contract double -0.000000e+00, [[R]]
; CHECK-NEXT: [[DP:%.*]] = fmul contract double %y, [[SEED]]
; CHECK-NEXT: [[S0:%.*]] = fcmp oeq double [[SEED]], 0.000000e+00
; CHECK-NEXT: [[P0:%.*]] = fcmp oeq double %y, 0.000000e+00
; CHECK-NEXT: [[E0:%.*]] = or i1 [[S0]], [[P0]]
; CHECK-NEXT: [[DPS:%.*]] = select i1 [[E0]], double 0.000000e+00, double [[DP]]
; CHECK-NEXT: [[ADJP:%.*]] = fadd reassoc nsz contract double -0.000000e+00, [[DPS]]
; CHECK-NEXT: [[DY:%.*]] = fmul contract double [[PV:%.*]], [[SEED]]
; CHECK-NEXT: [[S1:%.*]] = fcmp oeq double [[SEED]], 0.000000e+00
; CHECK-NEXT: [[P1:%.*]] = fcmp oeq double [[PV]], 0.000000e+00
; CHECK-NEXT: [[E1:%.*]] = or i1 [[S1]], [[P1]]
; CHECK-NEXT: [[DYS:%.*]] = select i1 [[E1]], double 0.000000e+00, double [[DY]]
; CHECK-NEXT: fadd reassoc nsz contract double [[Y]], [[DYS]]
; CHECK-NEXT: call { double } @diffe_reverse_root(ptr %tape, double [[ADJP]], double %x)

; The strong-zero reverse of root: pow's infinite partial at 0 times the seed, 0 where the seed is.
; CHECK-LABEL: define internal { double } @diffe_reverse_root(
; CHECK: [[SR:%.*]] = fadd reassoc nsz contract double -0.000000e+00, %dret
; CHECK: [[PARTIAL:%.*]] = fmul contract double 5.000000e-01, {{%.*}}
; CHECK-NEXT: [[TERM:%.*]] = fmul contract double [[PARTIAL]], [[SR]]
; CHECK-NEXT: [[Z:%.*]] = fcmp oeq double [[SR]], 0.000000e+00
; CHECK-NEXT: [[ZP:%.*]] = fcmp oeq double [[PARTIAL]], 0.000000e+00
; CHECK-NEXT: [[EITHER:%.*]] = or i1 [[Z]], [[ZP]]
; CHECK-NEXT: select i1 [[EITHER]], double 0.000000e+00, double [[TERM]]

; CHECK-LABEL: define internal { double, double } @diffef(

; Without the flag: products alone.
; CHECK-LABEL: define internal { double, double } @diffe_reverse_f.
; CHECK-NOT: fcmp
; CHECK: ret { double, double }

; CHECK-LABEL: define internal { double } @diffe_reverse_root.
; CHECK-NOT: fcmp
; CHECK: ret { double }
