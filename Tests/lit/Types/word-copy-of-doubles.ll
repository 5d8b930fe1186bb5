; RUN: %swad-opt %s -O0 --pre-passes '' -S -o - | FileCheck %s
; Two doubles swapped as 64-bit words tagged `char` (glibc qsort's `swap_words_64`, a `may_alias`
; uint64_t), of memory the function reads as doubles at the same places: each word is a double
; moved whole (CopiedBytes.floatOverlap). Taken for integers, the primal's bits were mirrored into
; the shadow (forward mode: the tangent was the primal's value) and no adjoint moved back (reverse).
declare double @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(ptr %v) {
entry:
  %v1 = getelementptr inbounds i8, ptr %v, i64 8
  %a = load double, ptr %v, align 8
  %b = load double, ptr %v1, align 8
  %greater = fcmp ogt double %a, %b
  br i1 %greater, label %swap, label %done

swap:
  %x = load i64, ptr %v, align 8, !tbaa !0
  %y = load i64, ptr %v1, align 8, !tbaa !0
  store i64 %y, ptr %v, align 8, !tbaa !0
  store i64 %x, ptr %v1, align 8, !tbaa !0
  br label %done

done:
  %first = load double, ptr %v, align 8
  %second = load double, ptr %v1, align 8
  %twice = fmul double %second, 2.0
  %r = fadd double %first, %twice
  ret double %r
}

define void @gradient(ptr %v, ptr %dv) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %v, ptr %dv)
  ret void
}

define double @tangent(ptr %v, ptr %dv) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %v, ptr %dv)
  ret double %t
}

; Reverse mode: the adjoint stored over by each word goes back, as a double's, to where it came
; from, through the word's own adjoint (the swap overwrites the memory it read).
; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: rev.swap.body:
; CHECK: [[TO_V:%[0-9]+]] = load ptr, ptr %slot,
; CHECK-NEXT: [[AT_V1:%[0-9]+]] = load double, ptr [[TO_V]]
; CHECK-NEXT: store double 0.000000e+00, ptr [[TO_V]]
; CHECK: fadd reassoc nsz contract double {{%[0-9]+}}, [[AT_V1]]
; CHECK-NEXT: store double {{%[0-9]+}}, ptr %dx
; CHECK: [[TO_V1:%[0-9]+]] = load ptr, ptr %slot1,
; CHECK-NEXT: [[AT_V:%[0-9]+]] = load double, ptr [[TO_V1]]
; CHECK-NEXT: store double 0.000000e+00, ptr [[TO_V1]]
; CHECK: fadd reassoc nsz contract double {{%[0-9]+}}, [[AT_V]]
; CHECK-NEXT: store double {{%[0-9]+}}, ptr %dy
; CHECK: [[DY:%[0-9]+]] = load double, ptr %dy
; CHECK: [[SHADOW_Y:%[0-9]+]] = load ptr, ptr %slot,
; CHECK-NEXT: [[OLD_Y:%[0-9]+]] = load double, ptr [[SHADOW_Y]]
; CHECK-NEXT: [[SUM_Y:%[0-9]+]] = fadd reassoc nsz contract double [[OLD_Y]], [[DY]]
; CHECK-NEXT: store double [[SUM_Y]], ptr [[SHADOW_Y]]
; CHECK: [[DX:%[0-9]+]] = load double, ptr %dx
; CHECK: [[SHADOW_X:%[0-9]+]] = load ptr, ptr %slot1,
; CHECK-NEXT: [[OLD_X:%[0-9]+]] = load double, ptr [[SHADOW_X]]
; CHECK-NEXT: [[SUM_X:%[0-9]+]] = fadd reassoc nsz contract double [[OLD_X]], [[DX]]
; CHECK-NEXT: store double [[SUM_X]], ptr [[SHADOW_X]]

!0 = !{!1, !1, i64 0}
!1 = !{!"omnipotent char", !2, i64 0}
!2 = !{!"Simple C/C++ TBAA"}

; Forward mode: the shadow's words move with the primal's.
; CHECK-LABEL: define internal {{.*}} @fwddiffef(
; CHECK: swap:
; CHECK: %"'x" = load i64, ptr %"'v", align 8
; CHECK: %"'y" = load i64, ptr %"'v1", align 8
; CHECK: store i64 %"'y", ptr %"'v", align 8
; CHECK: store i64 %"'x", ptr %"'v1", align 8
