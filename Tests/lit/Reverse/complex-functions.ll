; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; C99 complex functions in reverse mode: the adjoint of each operand scalar is Σₖ ∂f[k]/∂xᵢ · f̄[k]
; over the result's scalars (clog: f' = 1/z; __divdc3(a, b, c, d) = (a + bi)/(c + di)); a
; <2 x float> operand gets its adjoint as a <2 x float>.

declare { double, double } @clog(double, double)
declare <2 x float> @cexpf(<2 x float>)
declare { double, double } @__divdc3(double, double, double, double)
declare void @__enzyme_autodiff(ptr, ...)

define double @complex_log(double %a, double %b) {
entry:
  %w = call { double, double } @clog(double %a, double %b)
  %im = extractvalue { double, double } %w, 1
  ret double %im
}

define void @complex_expf(ptr %p) {
entry:
  %z = load <2 x float>, ptr %p
  %w = call <2 x float> @cexpf(<2 x float> %z)
  store <2 x float> %w, ptr %p
  ret void
}

define double @complex_div(double %a, double %b, double %c, double %d) {
entry:
  %w = call { double, double } @__divdc3(double %a, double %b, double %c, double %d)
  %re = extractvalue { double, double } %w, 0
  ret double %re
}

define void @caller(double %a, double %b, ptr %p, ptr %dp) {
entry:
  call void (ptr, ...) @__enzyme_autodiff(ptr @complex_log, double %a, double %b)
  call void (ptr, ...) @__enzyme_autodiff(ptr @complex_expf, ptr %p, ptr %dp)
  call void (ptr, ...) @__enzyme_autodiff(ptr @complex_div, double %a, double %b, double %a, double %b)
  ret void
}

; clog' = 1/z = (a − bi)/(a² + b²) = p + qi: ā += p·re̅ + q·im̅, b̄ += −q·re̅ + p·im̅.
; CHECK-LABEL: define internal { double, double } @diffe_reverse_complex_log(
; CHECK-SAME: ptr %tape, double %dret, double [[A:%.*]], double [[B:%.*]])
; CHECK:      store { double, double } %{{.*}}, ptr %dw
; CHECK-NEXT: [[SEED:%.*]] = load { double, double }, ptr %dw
; CHECK-NEXT: store { double, double } { double -0.000000e+00, double -0.000000e+00 }, ptr %dw
; CHECK-NEXT: [[SRE:%.*]] = extractvalue { double, double } [[SEED]], 0
; CHECK-NEXT: [[SIM:%.*]] = extractvalue { double, double } [[SEED]], 1
; CHECK:      [[AA:%.*]] = fmul contract double [[A]], [[A]]
; CHECK-NEXT: [[BB:%.*]] = fmul contract double [[B]], [[B]]
; CHECK-NEXT: [[N:%.*]] = fadd contract double [[AA]], [[BB]]
; CHECK-NEXT: [[RE:%.*]] = fdiv double {{%.*}}, [[N]]
; CHECK-NEXT: [[T0:%.*]] = fmul contract double [[RE]], [[SRE]]
; CHECK:      [[IM:%.*]] = fdiv double {{%.*}}, [[N]]
; CHECK-NEXT: [[T1:%.*]] = fmul contract double [[IM]], [[SIM]]
; CHECK-NEXT: [[DA:%.*]] = fadd contract double [[T0]], [[T1]]
; CHECK:      fadd reassoc nsz contract double {{%.*}}, [[DA]]
; CHECK:      [[NIM:%.*]] = fneg double [[IM]]
; CHECK-NEXT: fmul contract double [[NIM]], [[SRE]]
; CHECK-NEXT: fmul contract double [[RE]], [[SIM]]
; CHECK:      ret { double, double }

; A <2 x float> operand gets a <2 x float> adjoint; cexp's partials read the cached result.
; CHECK-LABEL: define internal void @diffe_reverse_complex_expf(
; CHECK:      store <2 x float> zeroinitializer, ptr
; CHECK-NEXT: [[SEED:%.*]] = load <2 x float>, ptr %dw
; CHECK-NEXT: store <2 x float> splat (float -0.000000e+00), ptr %dw
; CHECK-NEXT: [[W:%.*]] = load <2 x float>, ptr %slot1
; CHECK-NEXT: [[S0:%.*]] = extractelement <2 x float> [[SEED]], i32 0
; CHECK-NEXT: [[S1:%.*]] = extractelement <2 x float> [[SEED]], i32 1
; CHECK-NEXT: [[WRE:%.*]] = extractelement <2 x float> [[W]], i32 0
; CHECK-NEXT: fmul contract float [[WRE]], [[S0]]
; CHECK-NEXT: [[WIM:%.*]] = extractelement <2 x float> [[W]], i32 1
; CHECK-NEXT: fmul contract float [[WIM]], [[S1]]
; CHECK:      [[ADJ0:%.*]] = insertelement <2 x float> poison, float {{%.*}}, i32 0
; CHECK-NEXT: [[ADJ:%.*]] = insertelement <2 x float> [[ADJ0]], float {{%.*}}, i32 1
; CHECK:      fadd reassoc nsz contract <2 x float> {{%.*}}, [[ADJ]]

; The quotient's adjoints: ∂/∂z = 1/w, ∂/∂w = −f/w, f from the tape.
; CHECK-LABEL: define internal { double, double, double, double } @diffe_reverse_complex_div(
; CHECK-SAME: ptr %tape, double %dret, double [[A:%.*]], double [[B:%.*]], double [[C:%.*]], double [[D:%.*]])
; CHECK:      [[CC:%.*]] = fmul contract double [[C]], [[C]]
; CHECK-NEXT: [[DD:%.*]] = fmul contract double [[D]], [[D]]
; CHECK-NEXT: fadd contract double [[CC]], [[DD]]
; CHECK:      [[FRE:%.*]] = extractvalue { double, double } [[F:%.*]], 0
; CHECK-NEXT: fneg double [[FRE]]
; CHECK:      [[FIM:%.*]] = extractvalue { double, double } [[F]], 1
; CHECK-NEXT: fneg double [[FIM]]
; CHECK:      ret { double, double, double, double }
