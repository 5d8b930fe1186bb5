; RUN: not %swad-opt %s --pre-passes '' -o %t.bc 2>&1 | FileCheck %s
; RUN: not test -e %t.bc
; Code that can throw (an invoke with a landing pad) is refused by forward split mode, naming the
; invoke.
declare ptr @__enzyme_augmentfwd(ptr, ...)
declare double @__enzyme_fwdsplit(ptr, ...)
declare double @may_throw(double)
declare i32 @__gxx_personality_v0(...)

define double @f(double %x) personality ptr @__gxx_personality_v0 {
entry:
  %y = invoke double @may_throw(double %x) to label %ok unwind label %caught

ok:
  ret double %y

caught:
  %lp = landingpad { ptr, i32 } catch ptr null
  ret double 0.0
}

define double @caller(double %x) {
entry:
  %tape = call ptr (ptr, ...) @__enzyme_augmentfwd(ptr @f, double %x)
  %t = call double (ptr, ...) @__enzyme_fwdsplit(ptr @f, double %x, double 1.0, ptr %tape)
  ret double %t
}
; CHECK: error: in function 'f': __enzyme_fwdsplit cannot differentiate code that throws or catches exceptions yet ('f'); use __enzyme_fwddiff
