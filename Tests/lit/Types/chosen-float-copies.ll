; A choice between integer copies of structs holding a double (`m = c ? b : a`, made `load i64`,
; `select i64`, `store i64` when the structs' addresses escape to helpers) is given back its
; floating-point type before AD (Types/RetypedCopies.swift): the stack slots' declared type says
; the bytes are a double. Before, it was refused ("floating-point memory is loaded as an integer").
; A choice with a constant and through a phi is rewritten the same way.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define double @f(
; CHECK: %[[B:[0-9]+]] = load double, ptr %b, align 8
; CHECK-NEXT: %[[A:[0-9]+]] = load double, ptr %a, align 8
; CHECK-NEXT: %[[C:[0-9]+]] = select i1 %larger, double %[[B]], double %[[A]]
; CHECK-NEXT: store double %[[C]], ptr %m, align 8
; CHECK-NOT: i64

; CHECK-LABEL: define double @g(
; CHECK: %[[P:[0-9]+]] = phi double [ %{{[0-9]+}}, %then ], [ 0.000000e+00, %entry ]
; CHECK-NEXT: store double %[[P]], ptr %m, align 8

%S = type { double }

define internal void @scale(ptr %s, double %k) noinline {
  %v = load double, ptr %s
  %w = fmul double %v, %k
  store double %w, ptr %s
  ret void
}

define internal double @value(ptr %s) noinline {
  %v = load double, ptr %s
  ret double %v
}

define double @f(ptr %x) {
  %a = alloca %S
  %b = alloca %S
  %m = alloca %S
  %x0 = load double, ptr %x
  store double %x0, ptr %a
  %x1p = getelementptr inbounds double, ptr %x, i64 1
  %x1 = load double, ptr %x1p
  store double %x1, ptr %b
  call void @scale(ptr %a, double 2.0)
  call void @scale(ptr %b, double 3.0)
  %vb = call double @value(ptr %b)
  %va = call double @value(ptr %a)
  %larger = fcmp ogt double %vb, %va
  %b.bits = load i64, ptr %b, align 8
  %a.bits = load i64, ptr %a, align 8
  %chosen = select i1 %larger, i64 %b.bits, i64 %a.bits
  store i64 %chosen, ptr %m, align 8
  %v = call double @value(ptr %m)
  %r = fmul double %v, 10.0
  ret double %r
}

define double @g(ptr %x) {
entry:
  %a = alloca %S
  %m = alloca %S
  %x0 = load double, ptr %x
  store double %x0, ptr %a
  call void @scale(ptr %a, double 2.0)
  %positive = fcmp ogt double %x0, 0.0
  br i1 %positive, label %then, label %join
then:
  %a.bits = load i64, ptr %a, align 8
  br label %join
join:
  %chosen = phi i64 [ %a.bits, %then ], [ 0, %entry ]
  store i64 %chosen, ptr %m, align 8
  %v = call double @value(ptr %m)
  ret double %v
}

define void @df(ptr %x, ptr %dx) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr @enzyme_dup, ptr %x, ptr %dx)
  call void (ptr, ...) @__enzyme_autodiff(ptr @g, ptr @enzyme_dup, ptr %x, ptr %dx)
  ret void
}

@enzyme_dup = external global i32
declare void @__enzyme_autodiff(ptr, ...)
