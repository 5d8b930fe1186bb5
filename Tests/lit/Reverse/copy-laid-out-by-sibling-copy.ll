; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; `vector::insert(pos, n, value)` of `{float scale; double w}` from unoptimized input copies `value`
; (a reference parameter) into a temporary, and from there into the new elements, and, when the
; vector grows, straight into the new storage. The copies through the temporary are laid out (here
; by the field list of the copy out of it); the copy straight into the new storage, of the same
; source and length, fell to the memory's first access, and moved the record as two doubles (or,
; from the C++ program, as four floats): the float's and the double's adjoints mixed, the gradient
; silently garbage. A copy with nothing else to go by takes the layout of a copy of the same
; length out of the same source.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

; `value` ({float scale; double w}) copied into a temporary and, from there, into `kept`, and
; straight into `grown`.
define internal void @put(ptr %kept, ptr %grown, ptr %value) noinline {
entry:
  %tmp = alloca [16 x i8], align 8
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %tmp, ptr align 8 %value, i64 16, i1 false)
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %kept, ptr align 8 %tmp, i64 16, i1 false), !tbaa.struct !0
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %grown, ptr align 8 %value, i64 16, i1 false)
  ret void
}

define double @f(ptr %value, ptr %kept, ptr %grown) {
entry:
  %scale = load float, ptr %value, align 8
  call void @put(ptr %kept, ptr %grown, ptr %value)
  %w.at = getelementptr inbounds nuw i8, ptr %grown, i64 8
  %w = load double, ptr %w.at, align 8
  %s = fpext float %scale to double
  %r = fmul double %w, %s
  ret double %r
}

define void @caller(ptr %v, ptr %dv, ptr %k, ptr %dk, ptr %g, ptr %dg) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %v, ptr %dv, ptr %k, ptr %dk, ptr %g, ptr %dg)
  ret void
}

!0 = !{i64 0, i64 4, !1, i64 8, i64 8, !5}
!1 = !{!2, !2, i64 0}
!2 = !{!"float", !3, i64 0}
!3 = !{!"omnipotent char", !4, i64 0}
!4 = !{!"Simple C++ TBAA"}
!5 = !{!6, !6, i64 0}
!6 = !{!"double", !3, i64 0}

; All three copies move back a float and a double per 16-byte record; the last (the first reversed)
; was two doubles.
; CHECK-LABEL: define internal void @diffe_reverse_put(
; CHECK: memcpy.adjoint:
; CHECK-NOT: memcpy.adjoint.done:
; CHECK: mul i64 {{%[0-9]+}}, 16
; CHECK-NOT: memcpy.adjoint.done:
; CHECK: load float
; CHECK-NOT: memcpy.adjoint.done:
; CHECK: load double
; CHECK: memcpy.adjoint.done:
