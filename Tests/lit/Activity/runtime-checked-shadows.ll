; RUN: %swad-opt %s --pre-passes '' --print-activity | FileCheck %s
; Pointers whose shadow may be the pointer itself are marked: a select of an active and a constant
; array, a pointer loaded from memory, and what is derived from them. Arguments (the caller's
; shadows), allocations and pointers derived from them only are not.

declare ptr @malloc(i64)
declare double @__enzyme_autodiff(ptr, ...)

define double @f(ptr %x, ptr %w, i1 %c, ptr %holder) {
entry:
  %buffer = call ptr @malloc(i64 16)
  %chosen = select i1 %c, ptr %x, ptr %w
  %element = getelementptr double, ptr %chosen, i64 1
  %loaded = load ptr, ptr %holder
  %a = load double, ptr %element
  %b = load double, ptr %loaded
  %s = fadd double %a, %b
  store double %s, ptr %buffer
  %r = load double, ptr %buffer
  ret double %r
}

define double @caller(ptr %x, ptr %dx, ptr %w, ptr %h, ptr %dh) {
entry:
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx, metadata !"enzyme_const", ptr %w, metadata !"enzyme_const", i1 true, ptr %h, ptr %dh)
  ret double %g
}

; CHECK-LABEL: activity of @f
; CHECK: %buffer = call ptr @malloc(i64 16){{$}}
; CHECK: %chosen = select i1 %c, ptr %x, ptr %w  [runtime-checked shadow]
; CHECK: %element = getelementptr double, ptr %chosen, i64 1  [runtime-checked shadow]
; CHECK: %loaded = load ptr, ptr %holder, align 8  [runtime-checked shadow]
; CHECK: %a = load double, ptr %element, align 8{{$}}
