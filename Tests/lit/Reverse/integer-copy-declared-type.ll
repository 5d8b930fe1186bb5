; An 8-byte copy made as an integer load and store (the optimizer's form of a small memcpy, a C++
; move constructor) in a helper that says nothing of the bytes, called through wrappers, on stack
; slots that no caller accesses with a type: the slots' declared type (a class holding a pointer)
; says the bytes are an address, so the forward sweep copies the shadow pointer along
; (Types/CopiedBytes.swift). Before, with no typed access within three callers, the bytes counted
; as a float: the copy's shadow stayed null and the derivative read through it crashed.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define internal void @augmented_move(
; CHECK: %bits = load i64, ptr %from
; CHECK-NEXT: %"'bits" = load i64, ptr %"'from"
; CHECK-NEXT: store i64 %bits, ptr %to
; CHECK-NEXT: store i64 %"'bits", ptr %"'to"

%Holder = type { ptr }

define void @move(ptr %to, ptr %from) {
  %bits = load i64, ptr %from
  store i64 %bits, ptr %to
  ret void
}

define void @wrap1(ptr %to, ptr %from) {
  call void @move(ptr %to, ptr %from)
  ret void
}

define void @wrap2(ptr %to, ptr %from) {
  call void @wrap1(ptr %to, ptr %from)
  ret void
}

define void @wrap3(ptr %to, ptr %from) {
  call void @wrap2(ptr %to, ptr %from)
  ret void
}

define void @init(ptr %holder, ptr %x) {
  store ptr %x, ptr %holder
  ret void
}

define double @use(ptr %holder) {
  %p = load ptr, ptr %holder
  %v = load double, ptr %p
  %r = fmul double %v, %v
  ret double %r
}

define double @f(ptr %x) {
  %a = alloca %Holder
  %b = alloca %Holder
  call void @init(ptr %a, ptr %x)
  call void @wrap3(ptr %b, ptr %a)
  %r = call double @use(ptr %b)
  ret double %r
}

declare double @__enzyme_autodiff(ptr, ...)

define double @gradient(ptr %x, ptr %dx) {
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx)
  ret double %r
}
