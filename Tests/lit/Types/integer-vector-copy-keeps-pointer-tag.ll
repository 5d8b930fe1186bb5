; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The loop vectorizer moves a growing `std::vector<std::unique_ptr<double>>`'s pointers as
; `<2 x i64>` tagged `p1 double` and clears the old slots with a `memset`. The copy is split into
; one `i64` copy per element before AD (Types/integer-vector-copy-split.ll); without the tag the
; element copies said nothing of pointers, their shadows stayed behind, and the reverse sweep
; followed the new elements' null shadows (a crash at -O2 from 9 elements on). A tag naming the
; elements' scalar type goes with each element's access; one naming a record's field does not
; (it would name the wrong field for the second element).

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)

define internal void @relocate(ptr %to, ptr %from) noinline {
entry:
  %pair = load <2 x i64>, ptr %from, align 8, !tbaa !3
  store <2 x i64> %pair, ptr %to, align 8, !tbaa !3
  call void @llvm.memset.p0.i64(ptr align 8 %from, i8 0, i64 16, i1 false)
  ret void
}

define internal void @relocate.fields(ptr %to, ptr %from) noinline {
entry:
  %pair = load <2 x i64>, ptr %from, align 8, !tbaa !5
  store <2 x i64> %pair, ptr %to, align 8, !tbaa !5
  ret void
}

define double @f(ptr %old, ptr %new) {
entry:
  call void @relocate(ptr %new, ptr %old)
  call void @relocate.fields(ptr %old, ptr %new)
  %a.at = load ptr, ptr %old, align 8, !tbaa !3
  %a = load double, ptr %a.at, align 8
  ret double %a
}

define void @caller(ptr %old, ptr %dold, ptr %new, ptr %dnew) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %old, ptr %dold, ptr %new, ptr %dnew)
  ret void
}

!0 = !{!"Simple C++ TBAA"}
!1 = !{!"omnipotent char", !0, i64 0}
!2 = !{!"p1 double", !1, i64 0}
!3 = !{!2, !2, i64 0}
!4 = !{!"_ZTS4Pair", !2, i64 0, !2, i64 8}
!5 = !{!4, !2, i64 0}

; CHECK-LABEL: define internal void @relocate(
; CHECK: load i64, ptr %from, align 8, !tbaa [[POINTER:![0-9]+]]
; CHECK: load i64, ptr {{%.*}}, align 8, !tbaa [[POINTER]]
; CHECK: store i64 {{%.*}}, ptr %to, align 8, !tbaa [[POINTER]]
; CHECK: store i64 {{%.*}}, ptr {{%.*}}, align 8, !tbaa [[POINTER]]
; CHECK-LABEL: define internal void @relocate.fields(
; CHECK-NOT: !tbaa
; CHECK: ret void
; CHECK-LABEL: define double @f(
