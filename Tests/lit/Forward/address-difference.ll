; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; The difference of two addresses into shadowed memory (a std::vector's byte size, passed to a sized
; operator delete) is an integer distance: it gets no tangent, and is not an error.

declare double @__enzyme_fwddiff(ptr, ...)
declare void @use(i64)

define double @f(ptr %x) {
entry:
  %end = getelementptr double, ptr %x, i64 4
  %a = ptrtoint ptr %end to i64
  %b = ptrtoint ptr %x to i64
  %bytes = sub i64 %a, %b
  call void @use(i64 %bytes)
  %v = load double, ptr %x
  %r = fmul double %v, %v
  ret double %r
}

define double @caller(ptr %x, ptr %dx) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, metadata !"enzyme_dup", ptr %x, ptr %dx)
  ret double %t
}

; CHECK-LABEL: define internal { double, double } @fwddiffef(ptr %x, ptr %"'x")
; CHECK: %bytes = sub i64 %a, %b
; CHECK-NEXT: call void @use(i64 %bytes)
; CHECK: fmul double
