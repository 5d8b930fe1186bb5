; A call of a function without a body that is followed by `unreachable` ends the program, whether
; or not the declaration says `noreturn` (Swift's `_diagnoseUnexpectedEnumCase` does not): no
; derivative runs past it, so the call is inactive, even with an active argument
; (Rules/KnownFunctions.swift). Before, the derivative was refused ("cannot differentiate a call of
; ... it has no body"). The same call followed by a return is still refused.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; RUN: sed 's/^  unreachable$/  ret double 0.0/' %s > %t.ll
; RUN: not %swad-opt %t.ll --pre-passes '' -O0 -S -o /dev/null 2>&1 | FileCheck %s --check-prefix=REFUSED

; The primal copy keeps the call; the reverse sweep has nothing for it.
; CHECK-LABEL: define internal double @augmented_f(
; CHECK: fail:
; CHECK-NEXT: call void @fatal(ptr %x)
; CHECK-NEXT: unreachable

; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK-NOT: @fatal
; CHECK: fadd reassoc nsz contract double
; CHECK: ret void

; REFUSED: error: in function 'f':
; REFUSED-SAME: cannot differentiate a call of 'fatal': it has no body

declare void @fatal(ptr)

; x * x, and a fatal error when x is not a number.
define double @f(ptr %x) {
entry:
  %v = load double, ptr %x, align 8
  %nan = fcmp uno double %v, %v
  br i1 %nan, label %fail, label %ok

fail:
  call void @fatal(ptr %x)
  unreachable

ok:
  %s = fmul double %v, %v
  ret double %s
}

define void @gradient(ptr %x, ptr %dx) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr @enzyme_dup, ptr %x, ptr %dx)
  ret void
}

declare void @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32
