; RUN: not %swad-opt %s -S 2>&1 | FileCheck %s
; C11 threads in forward mode: thrd_join inside the differentiated function is an error naming it.
declare double @__enzyme_fwddiff(ptr, ...)
declare i32 @thrd_join(i64, ptr)

define double @f(double %x, i64 %thread) {
entry:
  %r = call i32 @thrd_join(i64 %thread, ptr null)
  %y = fmul double %x, %x
  ret double %y
}

define double @caller(double %x, i64 %thread) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double 1.0, i64 %thread)
  ret double %t
}

; CHECK: error: {{.*}}in function 'f': cannot differentiate a call of 'thrd_join': swad does not differentiate threads
