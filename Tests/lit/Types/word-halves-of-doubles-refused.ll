; RUN: not %swad-opt %s -O0 --pre-passes "" -S -o /dev/null 2>&1 | FileCheck %s
; A double swapped as two 32-bit words tagged `char` (a generic swap through a `may_alias`
; uint32_t) of memory the function reads as doubles: each word is half of a double. Reverse mode
; cannot move an adjoint back in pieces, so it refuses; taken for integers, the words had the
; primal's bits mirrored into the shadow and the gradient held primal values, silently.

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


!0 = !{!1, !1, i64 0}
!1 = !{!"omnipotent char", !2, i64 0}
!2 = !{!"Simple C/C++ TBAA"}


declare double @__enzyme_autodiff(ptr, ...)

define void @gradient(ptr %v, ptr %dv) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %v, ptr %dv)
  ret void
}

; Reverse mode cannot move a double's adjoint back in halves: the copy is refused, not mirrored.
; CHECK: in function 'f': cannot differentiate in reverse mode this copy of data 4 bytes at a time that may be floating-point
