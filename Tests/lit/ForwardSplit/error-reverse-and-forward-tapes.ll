; RUN: not %swad-opt %s -o %t.bc 2>&1 | FileCheck %s
; RUN: not test -e %t.bc
; The tapes of one function consumed both by __enzyme_fwdsplit and by __enzyme_reverse: swad records
; different tapes for the two, so which one an __enzyme_augmentfwd call records is ambiguous.
declare ptr @__enzyme_augmentfwd(ptr, ...)
declare double @__enzyme_fwdsplit(ptr, ...)
declare void @__enzyme_reverse(ptr, ...)

define double @f(ptr %x) {
entry:
  %v = load double, ptr %x
  %r = fmul double %v, %v
  ret double %r
}

define double @caller(ptr %x, ptr %dx) {
entry:
  %t1 = call ptr (ptr, ...) @__enzyme_augmentfwd(ptr @f, ptr %x, ptr %dx)
  %t = call double (ptr, ...) @__enzyme_fwdsplit(ptr @f, ptr %x, ptr %dx, ptr %t1)
  %t2 = call ptr (ptr, ...) @__enzyme_augmentfwd(ptr @f, ptr %x, ptr %dx)
  call void (ptr, ...) @__enzyme_reverse(ptr @f, ptr %x, ptr %dx, double 1.0, ptr %t2)
  ret double %t
}
; CHECK: error: in function 'caller': the tapes of 'f' are consumed both by __enzyme_fwdsplit (in 'caller') and by __enzyme_reverse (in 'caller'); swad records different tapes for the two, so it cannot tell which this __enzyme_augmentfwd is for: differentiate a wrapper of the function for one of them
