; strtod(s, &end) (Rules/SearchRoutines.swift) in both modes: the number it reads has no derivative;
; the end of the number, written through its second argument, gets its shadow at the same byte offset
; of the string's shadow, written into the end slot's shadow when the slot is not null. Before, the
; call was refused, and marked inactive it left the end's shadow null, which a parser then read
; through. A string without a shadow (a literal) is its own.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define internal double @augmented_scaled(
; CHECK: %number = call double @strtod(ptr %text, ptr %end)
; CHECK: br i1 %{{[0-9]+}}, label %found.end.done, label %found.end
; CHECK: found.end:
; CHECK-NEXT: %[[END:[0-9]+]] = load ptr, ptr %end
; CHECK: %found.shadow = getelementptr i8, ptr %"'text", i64 %{{[0-9]+}}
; CHECK: store ptr %{{[0-9]+}}, ptr %"'end"

; CHECK-LABEL: define internal { double, double } @fwddiffescaled(
; CHECK: %number = call double @strtod(ptr %text, ptr %end)
; CHECK: found.end:
; CHECK: %found.shadow = getelementptr i8, ptr %"'text", i64 %{{[0-9]+}}
; CHECK: store ptr %{{[0-9]+}}, ptr %"'end"

declare double @strtod(ptr, ptr)
declare double @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)
@enzyme_dup = external global i32
@enzyme_const = external global i32

; x times the number at the start of the text, plus x squared times the first character after it.
define double @scaled(double %x, ptr %text) {
  %end = alloca ptr
  %number = call double @strtod(ptr %text, ptr %end)
  %rest = load ptr, ptr %end
  %c = load i8, ptr %rest
  %code = sitofp i8 %c to double
  %a = fmul double %x, %number
  %x2 = fmul double %x, %x
  %b = fmul double %x2, %code
  %r = fadd double %a, %b
  ret double %r
}

define double @df(double %x, ptr %text, ptr %dtext) {
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @scaled, double %x, ptr @enzyme_dup, ptr %text, ptr %dtext)
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @scaled, double %x, double 1.0, ptr @enzyme_dup, ptr %text, ptr %dtext)
  %s = fadd double %g, %t
  ret double %s
}
