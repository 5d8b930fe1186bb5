; RUN: %swad-opt %s -O0 --pre-passes '' -S -o - | FileCheck %s
; A double swapped as two 32-bit words tagged `char` (a generic swap through a `may_alias`
; uint32_t) of memory the function reads as doubles: each word is half of a double
; (CopiedBytes.floatOverlap: pieces). Taken for integers, the primal's bits were mirrored into the
; shadow (forward mode: the tangent was the primal's value). Forward mode moves the shadow's words
; with the primal's, which puts whole tangents back together.
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(ptr %v) {
entry:
  %v1 = getelementptr inbounds i8, ptr %v, i64 8
  %a = load double, ptr %v, align 8
  %b = load double, ptr %v1, align 8
  %greater = fcmp ogt double %a, %b
  br i1 %greater, label %swap, label %done

swap:
  %hi0 = getelementptr inbounds i8, ptr %v, i64 4
  %hi1 = getelementptr inbounds i8, ptr %v, i64 12
  %x = load i32, ptr %v, align 4, !tbaa !0
  %y = load i32, ptr %v1, align 4, !tbaa !0
  store i32 %y, ptr %v, align 4, !tbaa !0
  store i32 %x, ptr %v1, align 4, !tbaa !0
  %xh = load i32, ptr %hi0, align 4, !tbaa !0
  %yh = load i32, ptr %hi1, align 4, !tbaa !0
  store i32 %yh, ptr %hi0, align 4, !tbaa !0
  store i32 %xh, ptr %hi1, align 4, !tbaa !0
  br label %done

done:
  %first = load double, ptr %v, align 8
  %second = load double, ptr %v1, align 8
  %twice = fmul double %second, 2.0
  %r = fadd double %first, %twice
  ret double %r
}

define double @tangent(ptr %v, ptr %dv) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %v, ptr %dv)
  ret double %t
}

!0 = !{!1, !1, i64 0}
!1 = !{!"omnipotent char", !2, i64 0}
!2 = !{!"Simple C/C++ TBAA"}

; CHECK-LABEL: define internal {{.*}} @fwddiffef(
; CHECK: swap:
; CHECK: %"'x" = load i32, ptr %"'v", align 4
; CHECK: %"'y" = load i32, ptr %"'v1", align 4
; CHECK: store i32 %"'y", ptr %"'v", align 4
; CHECK: store i32 %"'x", ptr %"'v1", align 4
; CHECK: %"'xh" = load i32, ptr %"'hi0", align 4
; CHECK: %"'yh" = load i32, ptr %"'hi1", align 4
; CHECK: store i32 %"'yh", ptr %"'hi0", align 4
; CHECK: store i32 %"'xh", ptr %"'hi1", align 4
