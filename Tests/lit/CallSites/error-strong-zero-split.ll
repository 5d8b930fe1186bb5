; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; enzyme_strong_zero is taken by __enzyme_autodiff and __enzyme_fwddiff. The two calls of split mode
; must ask for one derivative, which a flag on one of them would split in two: refused, naming the
; entry point.

@enzyme_strong_zero = external global i32
declare ptr @__enzyme_augmentfwd(ptr, ...)

define double @f(double %x) {
entry:
  %r = fmul double %x, %x
  ret double %r
}

define ptr @caller(double %x) {
entry:
  %m = load i32, ptr @enzyme_strong_zero
  %t = call ptr (ptr, ...) @__enzyme_augmentfwd(ptr @f, i32 %m, double %x)
  ret ptr %t
}

; CHECK: swad-opt: error: in function 'caller': enzyme_strong_zero is an option of __enzyme_autodiff and __enzyme_fwddiff; split modes (__enzyme_augmentfwd) do not take it yet
