; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A `std::variant<double, int, {int; double; double}>` in a stack slot of the caller, handed to a
; callee that copies its 32 bytes into storage it was given (`std::deque::_M_push_back_aux`
; constructing the element that opens a new node). The callee sees a pointer and a length: nothing
; there says the bytes are a union's, and the copy's reverse moved them as one alternative lays them
; out, losing a `double` alternative's adjoint at byte 0 (silently 0). The caller's slot declares the
; union: the call's derivative carries it as a hint (Gradient+UnionHints), and the callee's copy
; sorts its words at run time, as a copy of records declared with a union does where it sees them.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"

%"class.std::variant" = type { %"struct.std::_Variant_storage", [7 x i8] }
%"struct.std::_Variant_storage" = type <{ %"union.std::_Variadic_union", i8 }>
%"union.std::_Variadic_union" = type { %struct.IDD }
%struct.IDD = type { i32, double, double }

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define void @construct(ptr %slot, ptr %value) noinline {
entry:
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %slot, ptr align 8 %value, i64 32, i1 false)
  ret void
}

define double @f(ptr %x, ptr %storage) {
entry:
  %r = alloca %"class.std::variant", align 8
  %x0 = load double, ptr %x, align 8
  store double %x0, ptr %r, align 8
  %index = getelementptr inbounds i8, ptr %r, i64 24
  store i8 0, ptr %index, align 8
  call void @construct(ptr %storage, ptr %r)
  %d = load double, ptr %storage, align 8
  %y = fmul double %d, 3.0
  ret double %y
}

define void @caller(ptr %x, ptr %dx, ptr %storage, ptr %dstorage) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx, ptr %storage, ptr %dstorage)
  ret void
}

; The callee's copy, forward: every shadow word; backwards, the words that are adjoints.
; CHECK-LABEL: define internal void @augmented_construct(
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 8 %slot, ptr align 8 %value, i64 32, i1 false)
; CHECK-NEXT: call void @swad.sorted.words.copy(ptr %"'slot", ptr %"'value", i64 32)
; CHECK-LABEL: define internal void @diffe_reverse_construct(
; CHECK: memcpy.adjoint:
; CHECK: %is.adjoint = icmp uge i64 {{%[0-9]+}}, 4503599627370496
