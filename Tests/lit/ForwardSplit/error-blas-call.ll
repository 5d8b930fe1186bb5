; RUN: not %swad-opt %s -o %t.bc 2>&1 | FileCheck %s
; RUN: not test -e %t.bc
; A BLAS call in a function differentiated by __enzyme_fwdsplit: its forward rule reads the primal
; operands again (and runs the primal routine), so it is refused, naming the call, until BLAS rules
; learn to read their operands from the tape.
declare ptr @__enzyme_augmentfwd(ptr, ...)
declare double @__enzyme_fwdsplit(ptr, ...)
declare double @cblas_ddot(i32, ptr, i32, ptr, i32)

define double @f(ptr %x) {
entry:
  %d = call double @cblas_ddot(i32 4, ptr %x, i32 1, ptr %x, i32 1)
  ret double %d
}

define double @caller(ptr %x, ptr %dx) {
entry:
  %tape = call ptr (ptr, ...) @__enzyme_augmentfwd(ptr @f, ptr %x, ptr %dx)
  %t = call double (ptr, ...) @__enzyme_fwdsplit(ptr @f, ptr %x, ptr %dx, ptr %tape)
  ret double %t
}
; CHECK: error: in function 'f': __enzyme_fwdsplit cannot differentiate a call of the BLAS routine 'cblas_ddot' yet: its tangent would read primal memory or repeat the primal's effects; use __enzyme_fwddiff
