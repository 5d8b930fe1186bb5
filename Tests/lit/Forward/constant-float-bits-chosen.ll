; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A Swift `Double?` or enum payload word chosen between a constant's bits and something else
; (`x > 1 ? 3.0 : nil`, `.clipped(x, at: 1)` beside `.missing`), stored as an integer into memory
; that has a shadow and read back as a double. Mirrored into the shadow like an integer, the constant
; was its own tangent (forward mode gave 9 for 3). The shadow gets the same choice with the
; constant's arm zero, and a phi of constants and zeros a zero; a float's bits in 32 bits too.

declare double @__enzyme_fwddiff(ptr, ...)
declare void @note(i1)
declare float @__enzyme_fwddiff_float(ptr, ...)

; (c ? 3.0 : n + 1) * x through memory, the 3.0 chosen as bits beside an integer (which keeps the
; word an integer: Types/ConstantBits.swift would make a word chosen only from doubles a double).
define double @chosen(ptr %slot, double %x, i64 %other) {
entry:
  %c = fcmp ogt double %x, 1.0
  %next = add i64 %other, 1
  %word = select i1 %c, i64 4613937818241073152, i64 %next
  store i64 %word, ptr %slot
  %v = load double, ptr %slot
  %y = fmul double %v, %x
  ret double %y
}

; A switch's payload word: 1.0's bits on one path, zero on the others.
define double @merged(ptr %slot, double %x, i32 %k) {
entry:
  switch i32 %k, label %none [ i32 0, label %clipped
                               i32 1, label %missing ]
clipped:
  br label %done
missing:
  br label %done
none:
  br label %done
done:
  %word = phi i64 [ 4607182418800017408, %clipped ], [ 0, %missing ], [ 0, %none ]
  ; (Its bits looked at as an integer too: the word stays one.)
  %low = and i64 %word, 7
  %odd = icmp ne i64 %low, 0
  call void @note(i1 %odd)
  store i64 %word, ptr %slot
  %v = load double, ptr %slot
  %y = fmul double %v, %x
  ret double %y
}

; A `Float?`: 3.0f's bits or nil's zero.
define float @single(ptr %slot, float %x) {
entry:
  %c = fcmp ogt float %x, 1.0
  %word = select i1 %c, i32 1077936128, i32 0
  store i32 %word, ptr %slot
  %v = load float, ptr %slot
  %y = fmul float %v, %x
  ret float %y
}

define void @tangents(ptr %s, ptr %ds, double %x, i64 %o, float %f) {
  %a = call double (ptr, ...) @__enzyme_fwddiff(ptr @chosen, ptr %s, ptr %ds, double %x, double 1.0, i64 %o)
  %b = call double (ptr, ...) @__enzyme_fwddiff(ptr @merged, ptr %s, ptr %ds, double %x, double 1.0, i32 0)
  %c = call float (ptr, ...) @__enzyme_fwddiff_float(ptr @single, ptr %s, ptr %ds, float %f, float 1.0)
  ret void
}

; CHECK-LABEL: define internal {{.*}} @fwddiffechosen(
; CHECK: %word = select i1 %c, i64 4613937818241073152, i64 %next
; CHECK: store i64 %word, ptr %slot
; CHECK: %"'word" = select i1 %c, i64 0, i64 %next
; CHECK: store i64 %"'word", ptr %"'slot"

; CHECK-LABEL: define internal {{.*}} @fwddiffemerged(
; CHECK: store i64 %word, ptr %slot
; CHECK: store i64 0, ptr %"'slot"

; CHECK-LABEL: define internal {{.*}} @fwddiffesingle(
; CHECK: %"'word" = select i1 %c, i32 0, i32 0
; CHECK: store i32 %"'word", ptr %"'slot"
