; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A word copied as a 64-bit integer between places that the caller uses for pointers too (a
; std::function's storage: the manager stores its functor's address there for one operation and
; clones the captured double there for another). Tagged by clang as a double, the copy moves the
; adjoint back as a double, whatever the caller's pointers say. Untagged (clang at -O0 tags
; nothing), its word is told apart when the reverse sweep runs (Gradient+WordsSortedAtRunTime):
; moved back as a double when its shadow is an adjoint (2^52 or more), left as it is when it is a
; pointer's shadow. Before, both were taken for pointers and the gradient was silently 0.

declare double @__enzyme_autodiff(ptr, ...)

define internal void @set(ptr %place, double %x) noinline {
entry:
  store double %x, ptr %place, align 8
  ret void
}

define internal double @get(ptr %place) noinline {
entry:
  %x = load double, ptr %place, align 8
  ret double %x
}

define internal void @clone.tagged(ptr %to, ptr %from) noinline {
entry:
  %word = load i64, ptr %from, align 8, !tbaa !0
  store i64 %word, ptr %to, align 8, !tbaa !0
  ret void
}

define internal void @clone.untagged(ptr %to, ptr %from) noinline {
entry:
  %word = load i64, ptr %from, align 8
  store i64 %word, ptr %to, align 8
  ret void
}

define double @f(ptr %p) {
entry:
  %src = alloca i64, align 8
  %mid = alloca i64, align 8
  %dst = alloca i64, align 8
  store ptr %p, ptr %src, align 8
  store ptr %p, ptr %mid, align 8
  store ptr %p, ptr %dst, align 8
  %x = load double, ptr %p, align 8
  call void @set(ptr %src, double %x)
  call void @clone.tagged(ptr %mid, ptr %src)
  call void @clone.untagged(ptr %dst, ptr %mid)
  %y = call double @get(ptr %dst)
  %r = fmul double %y, %y
  ret double %r
}

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp)
  ret void
}

!0 = !{!1, !1, i64 0}
!1 = !{!"double", !2, i64 0}
!2 = !{!"omnipotent char", !3, i64 0}
!3 = !{!"Simple C++ TBAA"}

; CHECK-LABEL: define internal void @diffe_reverse_clone.tagged(
; CHECK-NOT: is.adjoint
; CHECK: [[MOVED:%[0-9]+]] = load double, ptr
; CHECK-NEXT: store double 0.000000e+00, ptr
; CHECK: ret void
; CHECK-LABEL: define internal void @augmented_clone.untagged(
; CHECK: %word = load i64, ptr %from
; CHECK: store i64 %word, ptr %to
; CHECK: store i64 %"'word", ptr %"'to"
; CHECK-LABEL: define internal void @diffe_reverse_clone.untagged(
; CHECK: [[WORD:%[0-9]+]] = load i64, ptr [[TO:%[0-9]+]]
; CHECK-NEXT: %is.adjoint = icmp uge i64 [[WORD]], 4503599627370496
; CHECK-NEXT: [[LEFT:%[0-9]+]] = select i1 %is.adjoint, i64 0, i64 [[WORD]]
; CHECK-NEXT: store i64 [[LEFT]], ptr [[TO]]
; CHECK-NEXT: [[AS:%[0-9]+]] = bitcast i64 [[WORD]] to double
; CHECK-NEXT: [[MOVED:%[0-9]+]] = select i1 %is.adjoint, double [[AS]], double -0.000000e+00
; CHECK: fadd reassoc nsz contract double {{%[0-9]+}}, [[MOVED]]
; CHECK-NEXT: store double {{%[0-9]+}}, ptr %dword
; CHECK-NEXT: [[SEED:%[0-9]+]] = load double, ptr %dword
; CHECK-NEXT: store double -0.000000e+00, ptr %dword
; CHECK: [[HELD:%[0-9]+]] = load i64, ptr [[FROM:%[0-9]+]]
; CHECK-NEXT: [[A:%[0-9]+]] = bitcast i64 [[HELD]] to double
; CHECK-NEXT: [[SUM:%[0-9]+]] = fadd double [[A]], [[SEED]]
; CHECK-NEXT: [[BITS:%[0-9]+]] = bitcast double [[SUM]] to i64
; CHECK-NEXT: %moves.adjoint = fcmp une double [[SEED]], 0.000000e+00
; CHECK-NEXT: [[KEPT:%[0-9]+]] = select i1 %moves.adjoint, i64 [[BITS]], i64 [[HELD]]
; CHECK-NEXT: store i64 [[KEPT]], ptr [[FROM]]
