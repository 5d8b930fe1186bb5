; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s --check-prefix=FLAGGED
; A derivative's own arithmetic carries `contract` (Support/DerivativeArithmetic.swift): a partial
; times its seed, an adjoint's sum (with `reassoc nsz`) and the sum into a shadow in memory, so that
; code generation may fuse them where the target has FMA. The primal's operations the forward sweep
; repeats keep their own flags: its `fmul` has none, its `llvm.fmuladd` stays.

declare void @__enzyme_autodiff(ptr, ...)
declare double @llvm.fmuladd.f64(double, double, double)

define void @f(ptr %x, ptr %y) {
entry:
  %a = load double, ptr %x
  %p = fmul double %a, %a
  %s = call double @llvm.fmuladd.f64(double %a, double %p, double %a)
  store double %s, ptr %y
  ret void
}

define void @reverse(ptr %x, ptr %dx, ptr %y, ptr %dy) {
entry:
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx, ptr %y, ptr %dy)
  ret void
}

; CHECK-LABEL: define internal void @augmented_f(
; CHECK: [[A:%.*]] = load double, ptr %x
; CHECK-NEXT: [[P:%.*]] = fmul double [[A]], [[A]]
; CHECK-NEXT: call double @llvm.fmuladd.f64(double [[A]], double [[P]], double [[A]])

; s̄ from ȳ; ā += p · s̄ and p̄ += a · s̄ (fmuladd's partials); ā += s̄; ā += a · p̄ twice (fmul's);
; then x̄ += ā in memory.
; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: [[DS:%.*]] = fadd reassoc nsz contract double -0.000000e+00, {{%.*}}
; CHECK: [[PS:%.*]] = fmul contract double [[P:%.*]], [[DS]]
; CHECK: [[AS:%.*]] = fmul contract double [[A:%.*]], [[DS]]
; CHECK: [[DP:%.*]] = fadd reassoc nsz contract double -0.000000e+00, [[AS]]
; CHECK: [[AP1:%.*]] = fmul contract double [[A]], [[DP]]
; CHECK-NEXT: fadd reassoc nsz contract double {{%.*}}, [[AP1]]
; CHECK-NEXT: [[AP2:%.*]] = fmul contract double [[A]], [[DP]]
; CHECK-NEXT: [[DA:%.*]] = fadd reassoc nsz contract double {{%.*}}, [[AP2]]
; CHECK-NEXT: [[HELD:%.*]] = load double, ptr [[SHADOW:%.*]], align 8
; CHECK-NEXT: [[SUM:%.*]] = fadd reassoc nsz contract double [[HELD]], [[DA]]
; CHECK-NEXT: store double [[SUM]], ptr [[SHADOW]]
; CHECK: ret void

; Every multiplication and addition of the reverse sweep is the derivative's: none without the flag.
; FLAGGED-LABEL: define internal void @diffe_reverse_f(
; FLAGGED-NOT: {{fmul|fadd|fsub}} double
; FLAGGED: ret void
