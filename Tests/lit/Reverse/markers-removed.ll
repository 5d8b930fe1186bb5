; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; RUN: %swad-opt %s -S | FileCheck %s --check-prefix=OPT
; RUN: %swad-opt %s -S | grep '^define.*@swad\.tape\.' | not grep -v '^define internal'
; The user's program defines neither the marker globals nor the entry points: after the reverse
; transform no enzyme_* global, no load of one, and no __enzyme_autodiff declaration (variadic or
; typed) remains. The tape runtime the transform adds is internal to the module.
@enzyme_dup = external global i32
@enzyme_const = external global i32
@enzyme_out = external global i32
declare double @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_autodiff_typed(ptr, i32, double, i32, double, i32, ptr, ptr)

define double @f(double %x, double %y, ptr %p) {
entry:
  %v = load double, ptr %p, align 8
  %a = fmul double %x, %y
  %r = fmul double %a, %v
  ret double %r
}

define double @caller(double %x, double %y, ptr %p, ptr %dp) {
entry:
  %o = load i32, ptr @enzyme_out
  %c = load i32, ptr @enzyme_const
  %d = load i32, ptr @enzyme_dup
  %a = call double (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %o, double %x, i32 %c, double %y, i32 %d, ptr %p, ptr %dp)
  %b = call double @__enzyme_autodiff_typed(ptr @f, i32 %o, double %x, i32 %c, double %y, i32 %d, ptr %p, ptr %dp)
  %s = fadd double %a, %b
  ret double %s
}

; CHECK-NOT: @enzyme_
; CHECK-NOT: __enzyme_autodiff
; CHECK-LABEL: define double @caller(
; CHECK-NOT: load i32
; CHECK: call { double } @diffef(
; CHECK: call { double } @diffef(
; CHECK: ret double
; CHECK-NOT: @enzyme_
; CHECK-NOT: __enzyme_autodiff
; CHECK-DAG: define internal ptr @swad.tape.reserve(
; CHECK-DAG: define internal ptr @swad.tape.pop(
; CHECK-DAG: define internal ptr @swad.tape.grow(
; CHECK-DAG: define internal void @swad.tape.free(
; CHECK-NOT: @enzyme_
; CHECK-NOT: __enzyme_autodiff

; With the default pipelines too.
; OPT-NOT: enzyme_
; OPT: define {{.*}}double @caller(
; OPT-NOT: enzyme_
