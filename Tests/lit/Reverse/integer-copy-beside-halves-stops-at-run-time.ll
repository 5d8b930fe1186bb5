; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; integer-copy-sorted-at-run-time.ll in a module that also keeps a half in memory: a word could
; then hold four halves' adjoints, which are no double, or one half's in its low 16 bits, which is
; no bigger than an integer. The untagged copy's word is not moved back by its size: the reverse of
; its store checks the word and stops when it may hold an adjoint (a half's or a float's bits in its
; low half, from 2^10 up, or bits from 2^42 up), naming the function. The tagged copy is a double's,
; whatever the module keeps, and moves back as one.

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
  %scratch = alloca half, align 2
  store half 1.0, ptr %scratch, align 2
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp)
  ret void
}

!0 = !{!1, !1, i64 0}
!1 = !{!"double", !2, i64 0}
!2 = !{!"omnipotent char", !3, i64 0}
!3 = !{!"Simple C++ TBAA"}

; CHECK: @swad.stop.message = {{.*}}c"swad: in function 'clone.untagged': cannot differentiate in reverse mode this copy of memory that no type lays out
; CHECK-LABEL: define internal void @diffe_reverse_clone.tagged(
; CHECK-NOT: may.hold.adjoint
; CHECK: [[MOVED:%[0-9]+]] = load double, ptr
; CHECK-NEXT: store double 0.000000e+00, ptr
; CHECK: ret void
; CHECK-LABEL: define internal void @diffe_reverse_clone.untagged(
; CHECK-NOT: is.adjoint
; CHECK: [[WORD:%[0-9]+]] = load i64, ptr
; CHECK-NEXT: [[OFF:%[0-9]+]] = sub i64 [[WORD]], 1024
; CHECK-NEXT: [[LOW:%[0-9]+]] = icmp ult i64 [[OFF]], 4294966272
; CHECK-NEXT: [[HIGH:%[0-9]+]] = icmp uge i64 [[WORD]], 4398046511104
; CHECK-NEXT: %may.hold.adjoint = or i1 [[LOW]], [[HIGH]]
; CHECK-NEXT: br i1 %may.hold.adjoint, label %copy.holds.adjoint, label %copy.word.checked
; CHECK: copy.holds.adjoint:
; CHECK-NEXT: call i64 @write(i32 2, ptr @swad.stop.message
; CHECK-NEXT: call void @abort()
; CHECK-NEXT: unreachable
; CHECK-NOT: is.adjoint
; CHECK: ret void
