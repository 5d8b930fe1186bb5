; A choice between integer copies (`load i64`, `select i64`, `store i64`) in a helper called for
; memory holding doubles and for memory holding pointers. Before AD the choice stays integer (over
; all its callers the bytes are both); each call's derivative knows what its caller passes. The
; choice was taken as a pointer's for both, and the doubles' adjoint was silently lost (6 0 instead
; of 12 0 for x = 3 5); reverse mode now refuses the choice of doubles, naming the function.
; RUN: not %swad-opt %s --pre-passes '' -o /dev/null 2>&1 | FileCheck %s

; CHECK: error: in function 'choose': cannot differentiate in reverse mode this choice between integer copies of floating-point data (8 bytes)

define internal void @choose(ptr %out, ptr %a, ptr %b, i1 %first) noinline {
  %x = load i64, ptr %a, align 8
  %y = load i64, ptr %b, align 8
  %c = select i1 %first, i64 %x, i64 %y
  store i64 %c, ptr %out, align 8
  ret void
}

define double @f(ptr %x, i1 %first) {
  %values = alloca [2 x double], align 8
  %pointers = alloca [2 x ptr], align 8
  %value = alloca double, align 8
  %pointer = alloca ptr, align 8
  %x0 = load double, ptr %x
  %twice = fmul double %x0, 2.0
  store double %twice, ptr %values
  %v1 = getelementptr inbounds i8, ptr %values, i64 8
  store double %x0, ptr %v1
  %x1 = getelementptr inbounds double, ptr %x, i64 1
  store ptr %x, ptr %pointers
  %p1 = getelementptr inbounds i8, ptr %pointers, i64 8
  store ptr %x1, ptr %p1
  call void @choose(ptr %value, ptr %values, ptr %v1, i1 %first)
  call void @choose(ptr %pointer, ptr %pointers, ptr %p1, i1 %first)
  %v = load double, ptr %value
  %p = load ptr, ptr %pointer
  %w = load double, ptr %p
  %r = fmul double %v, %w
  ret double %r
}

define void @df(ptr %x, ptr %dx, i1 %first) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr @enzyme_dup, ptr %x, ptr %dx, ptr @enzyme_const, i1 %first)
  ret void
}

@enzyme_dup = external global i32
@enzyme_const = external global i32
declare void @__enzyme_autodiff(ptr, ...)
