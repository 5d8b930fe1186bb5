; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; Masked vector loads and stores (AVX2's remainder folding and if-converted stores) become a test of
; each lane's mask bit and a scalar access before AD (Support/MaskedMemory.swift): the primal and
; its shadow are then read and written lane by lane where the mask says. They were refused as calls
; without a rule.

declare double @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)
declare <2 x double> @llvm.masked.load.v2f64.p0(ptr, i32 immarg, <2 x i1>, <2 x double>)
declare void @llvm.masked.store.v2f64.p0(<2 x double>, ptr, i32 immarg, <2 x i1>)
declare double @llvm.vector.reduce.fadd.v2f64(double, <2 x double>)
@enzyme_dup = external global i32

; Squares the lanes the mask selects, in place, and sums them.
define double @squares(ptr %x, <2 x i1> %mask) {
  %v = call <2 x double> @llvm.masked.load.v2f64.p0(ptr %x, i32 8, <2 x i1> %mask, <2 x double> zeroinitializer)
  %s = fmul <2 x double> %v, %v
  call void @llvm.masked.store.v2f64.p0(<2 x double> %s, ptr %x, i32 8, <2 x i1> %mask)
  %r = call reassoc double @llvm.vector.reduce.fadd.v2f64(double 0.0, <2 x double> %s)
  ret double %r
}

define void @df(ptr %x, ptr %dx, ptr %t, <2 x i1> %mask) {
  %a = call double (ptr, ...) @__enzyme_autodiff(ptr @squares, ptr @enzyme_dup, ptr %x, ptr %dx, <2 x i1> %mask)
  %b = call double (ptr, ...) @__enzyme_fwddiff(ptr @squares, ptr @enzyme_dup, ptr %x, ptr %t, <2 x i1> %mask)
  ret void
}

; The primal is scalarized: a branch on each mask bit, a scalar load, and later a scalar store.
; CHECK-LABEL: define double @squares(
; CHECK-NOT:   @llvm.masked
; CHECK:       %scalar_mask = bitcast <2 x i1> %mask to i2
; CHECK:       br i1 {{%[0-9]+}}, label %cond.load, label %else
; CHECK:       cond.load:
; CHECK:       load double, ptr
; CHECK:       store double
; CHECK:       ret double

; The reverse sweep adds the lanes' adjoints into the shadow and clears what the store overwrote.
; CHECK-LABEL: define internal void @diffe_reverse_squares(
; CHECK-NOT:   @llvm.masked
; CHECK:       store double 0.000000e+00, ptr
; CHECK:       ret void

; The tangent reads the shadow lane by lane where the primal does.
; CHECK-LABEL: define internal {{.*}} @fwddiffesquares(
; CHECK-NOT:   @llvm.masked
; CHECK:       cond.load:
; CHECK-NEXT:  [[P:%[0-9]+]] = getelementptr inbounds double, ptr %x, i32 0
; CHECK-NEXT:  [[S:%[0-9]+]] = getelementptr inbounds double, ptr %"'x", i32 0
; CHECK-NEXT:  load double, ptr [[P]]
; CHECK-NEXT:  load double, ptr [[S]]
; CHECK:       ret
