; RUN: not %swad-opt %s -o %t.bc 2>&1 | FileCheck %s
; RUN: not test -e %t.bc
; qsort of active data in a function differentiated by __enzyme_fwdsplit: the tangent function
; would sort the primal array a second time (the sort's order is not on the split tape), so it is
; refused, naming the call; __enzyme_fwddiff differentiates it (Forward/sort-qsort.ll).
declare ptr @__enzyme_augmentfwd(ptr, ...)
declare double @__enzyme_fwdsplit(ptr, ...)
declare void @qsort(ptr, i64, i64, ptr)

define internal i32 @compare(ptr %a, ptr %b) {
  %x = load double, ptr %a
  %y = load double, ptr %b
  %lt = fcmp olt double %x, %y
  %r = zext i1 %lt to i32
  ret i32 %r
}

define double @f(ptr %x) {
entry:
  call void @qsort(ptr %x, i64 4, i64 8, ptr @compare)
  %d = load double, ptr %x
  ret double %d
}

define double @caller(ptr %x, ptr %dx) {
entry:
  %tape = call ptr (ptr, ...) @__enzyme_augmentfwd(ptr @f, ptr %x, ptr %dx)
  %t = call double (ptr, ...) @__enzyme_fwdsplit(ptr @f, ptr %x, ptr %dx, ptr %tape)
  ret double %t
}
; CHECK: error: in function 'f': cannot differentiate 'qsort' of active data with __enzyme_fwdsplit: use __enzyme_fwddiff, or sort outside the differentiated function
