; RUN: not %swad-opt %s -o %t.bc 2>&1 | FileCheck %s
; RUN: not test -e %t.bc
; A derivative of a function that itself runs forward split mode: the tape and its cursor carry no
; derivatives, so the outer derivative would be wrong; it is refused, naming the function.
declare ptr @__enzyme_augmentfwd(ptr, ...)
declare double @__enzyme_fwdsplit(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(ptr %x) {
entry:
  %v = load double, ptr %x
  %sq = fmul double %v, %v
  store double %sq, ptr %x
  %r = fmul double %sq, %v
  ret double %r
}

define double @g(double %x0) {
entry:
  %x = alloca double
  %dx = alloca double
  store double %x0, ptr %x
  store double 1.0, ptr %dx
  %tape = call ptr (ptr, ...) @__enzyme_augmentfwd(ptr @f, ptr %x, ptr %dx)
  %t = call double (ptr, ...) @__enzyme_fwdsplit(ptr @f, ptr %x, ptr %dx, ptr %tape)
  ret double %t
}

define double @caller(double %x) {
entry:
  %d = call double (ptr, ...) @__enzyme_fwddiff(ptr @g, double %x, double 1.0)
  ret double %d
}
; CHECK: error: in function 'g': a derivative of code that uses forward split mode (__enzyme_augmentfwd and __enzyme_fwdsplit, here in 'g') is not supported yet; use __enzyme_fwddiff inside
