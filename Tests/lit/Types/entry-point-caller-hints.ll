; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The function differentiated copies the user's p[0] as an `i64` into storage that holds a pointer
; beside it (unoptimized C++ copying a lambda's captured double into a std::function, inlined), and
; a helper, not inlined, clones the storage's first 8 bytes as an integer. Nothing in @f says the
; `i64` is a double: the caller of __enzyme_autodiff does (`double p[2]`), and its hint now reaches
; the entry point; the storage's layout handed to the helper then has a double, not an integer, at
; offset 0 (the integer store carries one), and the helper's copy moves the adjoint back. Taken for
; the manager's pointer (stored at the same offset when it is asked where the lambda is), the
; gradient was silently 0.

%Storage = type { i64, ptr }

@operation = global i32 0

declare double @__enzyme_autodiff(ptr, ...)
declare ptr @malloc(i64)

define internal void @manage(ptr %dest, ptr %source, i32 %op) {
entry:
  %asked = icmp eq i32 %op, 1
  br i1 %asked, label %answer, label %done

answer:
  store ptr %source, ptr %dest, align 8
  br label %done

done:
  ret void
}

define internal ptr @clone(ptr %source) noinline {
entry:
  %made = call ptr @malloc(i64 8)
  %bits = load i64, ptr %source, align 8
  store i64 %bits, ptr %made, align 8
  ret ptr %made
}

define double @f(ptr %p) {
entry:
  %storage = alloca %Storage, align 8
  %captured = load i64, ptr %p, align 8
  store i64 %captured, ptr %storage, align 8
  %manager = getelementptr inbounds i8, ptr %storage, i64 8
  store ptr @manage, ptr %manager, align 8
  %op = load i32, ptr @operation, align 4
  call void @manage(ptr %storage, ptr %storage, i32 %op)
  %copy = call ptr @clone(ptr %storage)
  %x = load double, ptr %copy, align 8
  %p.1 = getelementptr inbounds i8, ptr %p, i64 8
  %y = load double, ptr %p.1, align 8
  %r = fmul double %x, %y
  ret double %r
}

define void @caller(ptr %dp) {
entry:
  %p = alloca [2 x double], align 8
  store double 1.5, ptr %p, align 8
  %p.1 = getelementptr inbounds i8, ptr %p, i64 8
  store double 2.0, ptr %p.1, align 8
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_f(
; From the storage's shadow, through %captured's slot, into p[0]'s shadow.
; CHECK: store double {{%.*}}, ptr %dcaptured
; CHECK: [[BACK:%.*]] = load double, ptr %dcaptured
; CHECK: fadd reassoc nsz contract double {{%.*}}, [[BACK]]
; CHECK-LABEL: define internal void @diffe_reverse_clone(
; The clone's adjoint, a double's, goes back into the storage's shadow through the copied value.
; CHECK: [[MOVED:%.*]] = load double, ptr
; CHECK-NEXT: store double 0.000000e+00, ptr
; CHECK: fadd reassoc nsz contract double {{%.*}}, [[MOVED]]
; CHECK: ret void
