; RUN: %swad-opt %s -O0 --pre-passes '' -S -o - | FileCheck %s
; A double copied as a 64-bit word tagged `char` into a slot that a `<2 x double>` store zeroed
; first (as clang zeroes a `std::function`'s 16 bytes of storage before a lambda's captured double
; is copied in). The vector store is two doubles, at 0 and 8 (CopiedBytes.floatLeaves), not 16
; bytes the word would be a piece of: the word is a double moved whole, and its adjoint goes back.
; Taken for 16 bytes the word is a piece of, the copy was refused in reverse mode.
declare double @__enzyme_autodiff(ptr, ...)

define double @f(ptr %v, ptr %slot) {
entry:
  store <2 x double> zeroinitializer, ptr %slot, align 16
  %word = load i64, ptr %v, align 8, !tbaa !0
  store i64 %word, ptr %slot, align 8, !tbaa !0
  %copied = load double, ptr %slot, align 16
  %r = fmul double %copied, 3.0
  ret double %r
}

define void @gradient(ptr %v, ptr %dv, ptr %slot, ptr %dslot) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %v, ptr %dv, ptr %slot, ptr %dslot)
  ret void
}

!0 = !{!1, !1, i64 0}
!1 = !{!"omnipotent char", !2, i64 0}
!2 = !{!"Simple C/C++ TBAA"}

; The slot's adjoint, taken as a double where the word was stored, goes to the word's adjoint and
; from it to v's shadow.
; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: store double {{%[0-9]+}}, ptr {{%[0-9]+}}, align 16
; CHECK: [[TO_SLOT:%[0-9]+]] = load ptr, ptr %slot1
; CHECK-NEXT: [[MOVED:%[0-9]+]] = load double, ptr [[TO_SLOT]], align 8
; CHECK-NEXT: store double 0.000000e+00, ptr [[TO_SLOT]], align 8
; CHECK: fadd reassoc nsz contract double {{%[0-9]+}}, [[MOVED]]
; CHECK-NEXT: store double {{%[0-9]+}}, ptr %dword
; CHECK: [[WORD:%[0-9]+]] = load double, ptr %dword
; CHECK: [[TO_V:%[0-9]+]] = load ptr, ptr %slot2
; CHECK-NEXT: [[OLD:%[0-9]+]] = load double, ptr [[TO_V]]
; CHECK-NEXT: [[SUM:%[0-9]+]] = fadd reassoc nsz contract double [[OLD]], [[WORD]]
; CHECK-NEXT: store double [[SUM]], ptr [[TO_V]]
