; A struct copy (memcpy) marked with clang's !tbaa.struct moves the fields it names, whatever the
; memory's other accesses say (Types/CopiedStructs.swift): here a {double, double} alternative of
; a variant whose storage other code reads as pointers. Taken from those accesses, the doubles
; counted as pointers, their adjoints were never moved back, and the gradient was silently 0.
; Without !tbaa.struct (unoptimized code) such a copy is refused in reverse mode:
; Reverse/error-copy-of-union.ll.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define internal void @diffe_reverse_move(
; CHECK: memcpy.adjoint:
; CHECK: load double
; CHECK: fadd contract double

define internal void @move(ptr %to, ptr %from, i1 %pointers) noinline {
  br i1 %pointers, label %poly, label %gauss
poly:
  %p = load ptr, ptr %from
  store ptr %p, ptr %to
  ret void
gauss:
  call void @llvm.memcpy.p0.p0.i64(ptr %to, ptr %from, i64 16, i1 false), !tbaa.struct !0
  ret void
}

define double @f(ptr %x) {
  %a = alloca [2 x double]
  %b = alloca [2 x double]
  %x0 = load double, ptr %x
  store double %x0, ptr %a
  %a1 = getelementptr inbounds i8, ptr %a, i64 8
  store double 2.0, ptr %a1
  call void @move(ptr %b, ptr %a, i1 false)
  %v = load double, ptr %b
  %r = fmul double %v, %v
  ret double %r
}

define void @df(ptr %x, ptr %dx) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr @enzyme_dup, ptr %x, ptr %dx)
  ret void
}

@enzyme_dup = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

!0 = !{i64 0, i64 8, !1, i64 8, i64 8, !1}
!1 = !{!2, !2, i64 0}
!2 = !{!"double", !3, i64 0}
!3 = !{!"omnipotent char", !4, i64 0}
!4 = !{!"Simple C/C++ TBAA"}
