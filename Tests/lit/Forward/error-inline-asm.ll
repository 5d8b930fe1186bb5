; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; Inline assembly that takes or returns floating-point data computes what swad cannot see: with an
; active operand it is an error naming the assembly (not a silent zero derivative). Assembly with
; only pointers or integers (compiler barriers) stays inactive.

declare double @__enzyme_fwddiff(ptr, ...)

define double @opaque(double %x, ptr %p) {
entry:
  call void asm sideeffect "", "r,~{memory}"(ptr %p)
  %r = call double asm "sqrtsd $1, $0", "=x,x"(double %x)
  ret double %r
}

define double @caller(double %x, ptr %p) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @opaque, double %x, double 1.0, ptr %p, ptr %p)
  ret double %t
}

; CHECK: error: in function 'opaque': cannot differentiate inline assembly ('sqrtsd $1, $0') with active floating-point arguments or result
