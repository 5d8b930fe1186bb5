; RUN: %swad-opt %s --pre-passes '' --print-integer-types | FileCheck %s
; The integer type analysis: C's ABI passes a {float, int} struct as an i64, built with zext, shl and
; or and taken apart with trunc and lshr; a double's bits travel as an i64 through a phi and a call.
; The analysis follows the bytes through all of it, forward and backward across calls; integers that
; are only integers are not listed, and bits used both ways are a conflict.

declare double @__enzyme_autodiff(ptr, ...)

; Bits flipped with xor are bit manipulation: both a double and an integer.
; CHECK-LABEL: integer types of @f:
; CHECK-NEXT: {0-7: double} %bits = bitcast double %x to i64
; CHECK-NEXT: {0-3: float, 4-7: integer} %packed = call i64 @pack(float %xf, i32 3)
; CHECK-NEXT: {0-7: conflict} %flipped = bitcast double %x to i64
define double @f(double %x) {
  %bits = bitcast double %x to i64
  %same = call double @pass_on(i64 %bits, i1 true)
  %xf = fptrunc double %x to float
  %packed = call i64 @pack(float %xf, i32 3)
  %s = call double @scaled(i64 %packed)
  %flipped = bitcast double %x to i64
  %negated = xor i64 %flipped, -9223372036854775808
  %count = and i64 %negated, 255
  %c = uitofp i64 %count to double
  %t = fmul double %same, %s
  %r = fadd double %t, %c
  ret double %r
}

; CHECK-LABEL: integer types of @scaled:
; CHECK-NEXT: {0-3: float, 4-7: integer} i64 %s
; CHECK-NEXT: {0-3: float} %low = trunc i64 %s to i32
define internal double @scaled(i64 %s) {
  %low = trunc i64 %s to i32
  %a = bitcast i32 %low to float
  %shifted = lshr i64 %s, 32
  %high = trunc i64 %shifted to i32
  %n = sitofp i32 %high to float
  %product = fmul float %a, %n
  %wide = fpext float %product to double
  ret double %wide
}

; CHECK-LABEL: integer types of @pack:
; CHECK-NEXT: {0-3: float, 4-7: integer} result
; CHECK-NEXT: {0-3: float} %bits = bitcast float %a to i32
; CHECK-NEXT: {0-3: float, 4-7: anything} %low = zext i32 %bits to i64
; CHECK-NEXT: {0-3: float, 4-7: integer} %packed = or disjoint i64 %low, %high
define internal i64 @pack(float %a, i32 %n) {
  %bits = bitcast float %a to i32
  %low = zext i32 %bits to i64
  %wide = zext i32 %n to i64
  %high = shl i64 %wide, 32
  %packed = or disjoint i64 %low, %high
  ret i64 %packed
}

; The i64 parameter carries a double only because its caller passes one.
; CHECK-LABEL: integer types of @pass_on:
; CHECK-NEXT: {0-7: double} i64 %bits
; CHECK-NEXT: {0-7: double} %chosen = phi i64 [ %bits, %entry ], [ 0, %other ]
define internal double @pass_on(i64 %bits, i1 %c) {
entry:
  br i1 %c, label %join, label %other
other:
  br label %join
join:
  %chosen = phi i64 [ %bits, %entry ], [ 0, %other ]
  %d = call double @from_bits(i64 %chosen)
  ret double %d
}

; CHECK-LABEL: integer types of @from_bits:
; CHECK-NEXT: {0-7: double} i64 %b
define internal double @from_bits(i64 %b) {
  %d = bitcast i64 %b to double
  ret double %d
}

define double @caller(double %x) {
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %d
}
