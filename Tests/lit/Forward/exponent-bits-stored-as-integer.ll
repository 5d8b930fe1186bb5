; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; Powers of two written as their bits into a double array (`((uint64_t *)sc)[i] = (uint64_t)(i +
; 1023) << 52`, which LLVM folds into `(i << 52) + bits(1.0)`), then read as doubles. Mirrored like
; an integer, each 2^i was its own tangent (forward mode gave 20 where 1 was right). An integer
; shifted into the exponent field, stored where the function reads floats, gets a zero shadow, as a
; constant's bits do.

declare double @__enzyme_fwddiff(ptr, ...)

define double @f(ptr %scale, ptr %x, i64 %i) {
  %shifted = shl i64 %i, 52
  %bits = add i64 %shifted, 4607182418800017408
  %slot = getelementptr inbounds i64, ptr %scale, i64 %i
  store i64 %bits, ptr %slot
  %read.at = getelementptr inbounds double, ptr %scale, i64 %i
  %power = load double, ptr %read.at
  %x0 = load double, ptr %x
  %y = fmul double %power, %x0
  ret double %y
}

define double @tangent(ptr %s, ptr %ds, ptr %x, ptr %dx, i64 %i) {
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %s, ptr %ds, ptr %x, ptr %dx, i64 %i)
  ret double %t
}

; CHECK-LABEL: define internal {{.*}} @fwddiffef(
; CHECK: store i64 %bits, ptr %slot
; CHECK-NEXT: store i64 0, ptr %"'slot"
