; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A pointer stored as an integer (`ptrtoint`, as clang builds a lambda's captures) and copied as an
; integer that the alias tag says is a pointer ("p1 double": libstdc++'s std::function manager
; cloning the lambda) keeps its shadow: the forward sweep stores the shadow pointer's integer into
; the shadow memory at both stores, and the reverse sweep moves no adjoint through them. Before,
; the first store dropped the shadow and the copy mirrored the primal integer into the shadow.

define double @through_slots(ptr %p) {
  %first = alloca i64, align 8
  %second = alloca i64, align 8
  %address = ptrtoint ptr %p to i64
  store i64 %address, ptr %first, align 8, !tbaa !0
  %bits = load i64, ptr %first, align 8, !tbaa !0
  store i64 %bits, ptr %second, align 8, !tbaa !0
  %q = load ptr, ptr %second, align 8, !tbaa !0
  %v = load double, ptr %q, align 8, !tbaa !4
  %r = fmul double %v, %v
  ret double %r
}

declare void @__enzyme_autodiff(ptr, ...)

define void @gradient(ptr %p, ptr %dp) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @through_slots, ptr %p, ptr %dp)
  ret void
}

!0 = !{!1, !1, i64 0}
!1 = !{!"p1 double", !2, i64 0}
!2 = !{!"any pointer", !3, i64 0}
!3 = !{!"omnipotent char", !5, i64 0}
!4 = !{!6, !6, i64 0}
!5 = !{!"Simple C++ TBAA"}
!6 = !{!"double", !3, i64 0}

; CHECK-LABEL: define internal {{.*}}@augmented_through_slots(
; CHECK:         %address = ptrtoint ptr %p to i64
; CHECK-NEXT:    %"'address" = ptrtoint ptr %"'p" to i64
; CHECK-NEXT:    store i64 %address, ptr %first
; CHECK-NEXT:    store i64 %"'address", ptr %"'first"
; CHECK-NEXT:    %bits = load i64, ptr %first
; CHECK-NEXT:    %"'bits" = load i64, ptr %"'first"
; CHECK-NEXT:    store i64 %bits, ptr %second
; CHECK-NEXT:    store i64 %"'bits", ptr %"'second"
; CHECK-LABEL: define internal {{.*}}@diffe_reverse_through_slots(
; CHECK-NOT:     fadd {{.*}}bits
