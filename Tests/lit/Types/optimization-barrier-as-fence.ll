; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; An optimization barrier, an empty template whose one output is tied to its one input (Eigen's
; EIGEN_OPTIMIZATION_BARRIER, in its rounding by 2^52 and its reduction of sin's argument), computes
; nothing: it becomes `llvm.arithmetic.fence`, which keeps fast-math reassociation from crossing it
; as the barrier did and whose derivative is the identity; a barrier on memory (`=*m`) becomes a store
; of the fenced value. These were refused as inline assembly with floating-point operands. A barrier
; that also clobbers memory (a benchmark's DoNotOptimize) stays.

declare double @__enzyme_fwddiff(ptr, ...)

define double @through_memory(double %x) {
entry:
  %slot = alloca double, align 8
  %y = fmul double %x, 3.0
  call void asm "", "=*imr|x,0,~{dirflag},~{fpsr},~{flags}"(ptr elementtype(double) %slot, double %y)
  %z = load double, ptr %slot, align 8
  %k = call double @kept(double 2.0)
  %r = fmul double %z, %k
  ret double %r
}

define <2 x double> @in_register(<2 x double> %x) {
entry:
  %y = call <2 x double> asm "", "=x,0,~{dirflag},~{fpsr},~{flags}"(<2 x double> %x)
  %z = fmul <2 x double> %y, %y
  ret <2 x double> %z
}

define double @kept(double %c) {
entry:
  %r = call double asm "", "=x,0,~{memory},~{dirflag},~{fpsr},~{flags}"(double %c)
  ret double %r
}

define void @caller(double %x, double %dx, <2 x double> %v, <2 x double> %dv) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @through_memory, double %x, double %dx)
  %u = call <2 x double> (ptr, ...) @__enzyme_fwddiff(ptr @in_register, <2 x double> %v, <2 x double> %dv)
  ret void
}

; CHECK-LABEL: define double @through_memory(
; CHECK:       [[F:%.*]] = call double @llvm.arithmetic.fence.f64(double %y)
; CHECK-NEXT:  store double [[F]], ptr %slot, align 8
; CHECK-NOT:   asm
; CHECK-LABEL: define <2 x double> @in_register(
; CHECK:       %y = call <2 x double> @llvm.arithmetic.fence.v2f64(<2 x double> %x)
; CHECK-LABEL: define double @kept(
; CHECK:       asm "", "=x,0,~{memory}

; The tangent goes through the fence and the slot's shadow: 3·ẋ, then times kept(2).
; CHECK-LABEL: define internal {{.*}} @fwddiffethrough_memory(
; CHECK:       [[T:%.*]] = fmul contract double 3.000000e+00, %"'x"
; CHECK:       store double [[T]], ptr %"'slot"
; CHECK:       ret
; CHECK-LABEL: define internal {{.*}} @fwddiffein_register(
; CHECK:       %y = call <2 x double> @llvm.arithmetic.fence.v2f64(<2 x double> %x)
; CHECK:       fmul contract <2 x double> %y, %"'x"
; CHECK:       ret
