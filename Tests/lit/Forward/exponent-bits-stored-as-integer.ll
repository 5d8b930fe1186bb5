; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; Powers of two written as their bits into a double array (`((uint64_t *)sc)[i] = (uint64_t)(i +
; 1023) << 52`, which LLVM folds into `(i << 52) + bits(1.0)`), then read as doubles. Mirrored like
; an integer, each 2^i was its own tangent (forward mode gave 20 where 1 was right). An integer
; shifted into the exponent field gets a zero shadow, as a constant's bits do: where the function
; reads floats (@f), and where it reads nothing, the bits written into a duplicated output for the
; caller (@out: its tangent was 2^k itself). As an integer it is a multiple of 2^52 (2^23 in 32
; bits), which no count, index or size is.

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

define void @out(ptr %result, i32 %k) {
  %biased = add nsw i32 %k, 1023
  %wide = zext i32 %biased to i64
  %bits = shl i64 %wide, 52
  store i64 %bits, ptr %result
  ret void
}

define void @tangent_out(ptr %r, ptr %dr, i32 %k) {
  call void (ptr, ...) @__enzyme_fwddiff(ptr @out, ptr %r, ptr %dr, i32 %k)
  ret void
}

; CHECK-LABEL: define internal {{.*}} @fwddiffef(
; CHECK: store i64 %bits, ptr %slot
; CHECK-NEXT: store i64 0, ptr %"'slot"

; CHECK-LABEL: define internal {{.*}} @fwddiffeout(
; CHECK: store i64 %bits, ptr %result
; CHECK-NEXT: store i64 0, ptr %"'result"
