; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; A call of an `__enzyme_*` function that is no entry point swad knows (`__enzyme_iter`) is an error
; naming it: left in the program, it would end as an undefined symbol at link time.

declare double @__enzyme_iter(ptr, ...)

define double @f(double %x) {
entry:
  %r = fmul double %x, %x
  ret double %r
}

define double @caller(double %x) {
entry:
  %t = call double (ptr, ...) @__enzyme_iter(ptr @f, double %x)
  ret double %t
}

; CHECK: swad-opt: error: in function 'caller': '__enzyme_iter' is not an Enzyme entry point that swad knows
; CHECK-SAME: (it knows __enzyme_fwddiff, __enzyme_autodiff, __enzyme_augmentfwd, __enzyme_reverse, __enzyme_augmentsize, __enzyme_fwdsplit)
