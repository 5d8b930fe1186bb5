; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; A call through a function pointer with an active argument cannot be differentiated (the callee is
; unknown at compile time): an error in the function that makes the call.

declare double @__enzyme_fwddiff(ptr, ...)

define double @apply(ptr %fn, double %x) {
entry:
  %r = call double %fn(double %x)
  ret double %r
}

define double @caller(ptr %fn, double %x, double %dx) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @apply, metadata !"enzyme_const", ptr %fn, double %x, double %dx)
  ret double %t
}

; CHECK: swad-opt: error:
; CHECK-SAME: in function 'apply'
; CHECK-SAME: indirect call
