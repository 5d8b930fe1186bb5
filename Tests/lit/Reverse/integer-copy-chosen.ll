; A choice between two copies of a struct holding a pointer (`m = cond ? b : a` with the structs'
; addresses passed to helpers that are not inlined) is made by the optimizer as `load i64`,
; `select i64`, `store i64`: nothing said the bytes are a pointer, so the primal address went into
; the shadow memory and the gradient through `m` was silently 0 (and crashed when one side was the
; argument itself, `ptrtoint`). The stack slots' declared type says pointer (Types/CopiedBytes.swift,
; isChosenCopy), so the loads carry the shadows' bytes and the select chooses between shadows.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: %b.bits = load i64, ptr %b
; CHECK-NEXT: %"'b.bits" = load i64, ptr %"'b"
; CHECK: %a.bits = load i64, ptr %a
; CHECK-NEXT: %"'a.bits" = load i64, ptr %"'a"
; CHECK: %chosen = select i1 %larger, i64 %b.bits, i64 %a.bits
; CHECK-NEXT: %"'chosen" = select i1 %larger, i64 %"'b.bits", i64 %"'a.bits"
; CHECK: store i64 %chosen, ptr %m
; CHECK-NEXT: store i64 %"'chosen", ptr %"'m"

%It = type { ptr }

define internal void @advance(ptr %it) noinline {
  %p = load ptr, ptr %it
  %q = getelementptr inbounds double, ptr %p, i64 1
  store ptr %q, ptr %it
  ret void
}

define internal double @get(ptr %it) noinline {
  %p = load ptr, ptr %it
  %v = load double, ptr %p
  ret double %v
}

define double @f(ptr %x) {
  %a = alloca %It
  %b = alloca %It
  %m = alloca %It
  store ptr %x, ptr %a
  store ptr %x, ptr %b
  call void @advance(ptr %a)
  call void @advance(ptr %b)
  call void @advance(ptr %b)
  %vb = call double @get(ptr %b)
  %va = call double @get(ptr %a)
  %larger = fcmp ogt double %vb, %va
  %b.bits = load i64, ptr %b
  %a.bits = load i64, ptr %a
  %chosen = select i1 %larger, i64 %b.bits, i64 %a.bits
  store i64 %chosen, ptr %m
  %v = call double @get(ptr %m)
  %r = fmul double %v, 10.0
  ret double %r
}

define void @df(ptr %x, ptr %dx) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr @enzyme_dup, ptr %x, ptr %dx)
  ret void
}

@enzyme_dup = external global i32
declare void @__enzyme_autodiff(ptr, ...)
