; RUN: not %swad-opt %s -o %t.bc 2>&1 | FileCheck %s
; RUN: not test -e %t.bc
; An augmentation and a tangent of one function with different activities would not share a tape
; layout: an error naming the second call.
declare ptr @__enzyme_augmentfwd(ptr, ...)
declare double @__enzyme_fwdsplit(ptr, ...)
@enzyme_const = external global i32

define double @f(ptr %x, ptr %y) {
entry:
  %v = load double, ptr %x
  %w = load double, ptr %y
  %r = fmul double %v, %w
  ret double %r
}

define double @caller(ptr %x, ptr %dx, ptr %y, ptr %dy) {
entry:
  %c = load i32, ptr @enzyme_const
  %tape = call ptr (ptr, ...) @__enzyme_augmentfwd(ptr @f, ptr %x, ptr %dx, i32 %c, ptr %y)
  %t = call double (ptr, ...) @__enzyme_fwdsplit(ptr @f, ptr %x, ptr %dx, ptr %y, ptr %dy, ptr %tape)
  ret double %t
}
; CHECK: error: in function 'caller': __enzyme_fwdsplit of 'f' has the arguments (active, active), but __enzyme_augmentfwd of it has (active, constant): the tangent reads a tape recorded for the same activities; mark the arguments alike in both calls
