; Unoptimized Eigen broadcasts a packed double through its bits: `load <4 x i32>`, a shuffle of the
; 32-bit halves, a bit cast to <2 x double> (`_mm_shuffle_epi32`; the optimization pipeline's
; vector-combine folds it, the pre-AD simplification does not). Through the integers the derivative
; was lost without an error: Eigen's triangular solve with a matrix right-hand side had wrong
; derivatives at -O0. A shuffle that moves whole doubles is made a shuffle of doubles of a double
; load (FloatCarriers.shufflesOfFloatsAsFloats), and the derivative follows the values; one that
; splits a double's halves is refused (Activity/FloatBits.swift), in a function that reads the
; memory no other way.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; RUN: sed 's/<i32 0, i32 1, i32 0, i32 1>/<i32 1, i32 2, i32 1, i32 2>/' %s | not %swad-opt - --pre-passes '' -O0 -o /dev/null 2>&1 | FileCheck %s --check-prefix=SPLIT

; The broadcast of b[0] is a shuffle of a double load.
; CHECK-LABEL: define double @broadcast(
; CHECK: [[B:%[0-9]+]] = load <2 x double>, ptr %b
; CHECK: shufflevector <2 x double> [[B]], <2 x double> poison, <2 x i32> zeroinitializer
; Its adjoint (both lanes' into element 0) is added into b's shadow as doubles.
; CHECK-LABEL: define internal {{.*}} @diffe_reverse_broadcast(
; CHECK-NOT: <4 x i32>
; CHECK: [[SUM:%[0-9]+]] = fadd double %{{[0-9]+}}, %{{[0-9]+}}
; CHECK: insertelement <2 x double> %{{[0-9]+}}, double [[SUM]], i32 0
; CHECK: fadd reassoc nsz contract <2 x double>
; CHECK: ret
; SPLIT: error: in function 'broadcast': floating-point memory is loaded as an integer here and its bits are made a float again

declare double @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32

; a (2 doubles) times the broadcast of b[0], summed.
define double @broadcast(ptr %a, ptr %b) {
  %va = load <2 x double>, ptr %a, align 16
  %bits = load <4 x i32>, ptr %b, align 16
  %dup = shufflevector <4 x i32> %bits, <4 x i32> poison, <4 x i32> <i32 0, i32 1, i32 0, i32 1>
  %vb = bitcast <4 x i32> %dup to <2 x double>
  %p = fmul <2 x double> %va, %vb
  %p0 = extractelement <2 x double> %p, i64 0
  %p1 = extractelement <2 x double> %p, i64 1
  %s = fadd double %p0, %p1
  ret double %s
}

define void @df(ptr %a, ptr %da, ptr %b, ptr %db) {
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @broadcast, ptr @enzyme_dup, ptr %a, ptr %da, ptr @enzyme_dup, ptr %b, ptr %db)
  ret void
}
