; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Enzyme's type annotations (`__enzyme_float(p, size)`, ...) are hints; swad erases the calls and the
; declarations, and they are no error.

declare void @__enzyme_float(ptr, ...)
declare void @__enzyme_integer(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(ptr %x) {
entry:
  call void (ptr, ...) @__enzyme_float(ptr %x, i64 8)
  %v = load double, ptr %x
  %r = fmul double %v, %v
  ret double %r
}

define double @caller(ptr %x, ptr %dx, ptr %n) {
entry:
  call void (ptr, ...) @__enzyme_integer(ptr %n, i64 4)
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %x, ptr %dx)
  ret double %t
}

; CHECK-LABEL: define double @caller(
; CHECK-NOT: __enzyme_integer
; CHECK: call {{.*}} @fwddiffef(
; CHECK-LABEL: define internal {{.*}} @fwddiffef(
; CHECK-NOT: __enzyme_float
; CHECK: ret
; CHECK-NOT: declare {{.*}} @__enzyme_
