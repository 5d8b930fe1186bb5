; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A call through a function pointer with an active argument, of a type no function of the module
; has its address taken for (the pointer is a constant argument from outside): its target can only
; be a function outside the module, whose derivative is unknown. The derivative is built, and stops
; at the call, naming the function that makes it, if the call runs (it was an error when the
; derivative was built, which kept programs that never take that path from being differentiated).

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

; CHECK: @swad.stop.message = {{.*}}c"swad: in function 'apply': a call through a function pointer reached a function outside the differentiated module, whose derivative is unknown\00"
; CHECK-LABEL: define internal {{.*}} @fwddiffeapply(
; CHECK: call i64 @write(i32 2, ptr @swad.stop.message
; CHECK-NEXT: call void @swad.stop.name(ptr
; CHECK-NEXT: call void @abort()
