; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A function object built in a temporary, then moved into storage with a 16-byte copy (optimized
; C++ pushing a std::function into a vector's reserved storage): the lambda's captured double reaches
; the temporary as an `i64` (tagged `double`), the manager's pointer lies beside it, and nothing else
; in the copied bytes is typed. Taken from the memory's first typed access, a pointer's, the copy
; moved no adjoint and the gradient through the captured value was silently 0; the integer copy of
; the double now lays the copied bytes out.

%Function = type { i64, i64, ptr, ptr }

declare double @__enzyme_autodiff(ptr, ...)
declare ptr @malloc(i64)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define internal void @manage() {
entry:
  ret void
}

define internal double @invoke(ptr %functor) noinline {
entry:
  %x = load double, ptr %functor, align 8
  ret double %x
}

define double @f(ptr %p) {
entry:
  %temporary = alloca %Function, align 8
  %manager = getelementptr inbounds i8, ptr %temporary, i64 16
  store ptr @manage, ptr %manager, align 8
  %p.1 = getelementptr inbounds i8, ptr %p, i64 8
  %bits = load i64, ptr %p.1, align 8
  store i64 %bits, ptr %temporary, align 8, !tbaa !3
  %storage = call ptr @malloc(i64 32)
  call void @llvm.memcpy.p0.p0.i64(ptr %storage, ptr %temporary, i64 16, i1 false)
  %held = getelementptr inbounds i8, ptr %storage, i64 16
  store ptr @manage, ptr %held, align 8
  %x = call double @invoke(ptr %storage)
  %a = load double, ptr %p, align 8
  %r = fmul double %x, %a
  ret double %r
}

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp)
  ret void
}

!0 = !{!"Simple C++ TBAA"}
!1 = !{!"omnipotent char", !0, i64 0}
!2 = !{!"double", !1, i64 0}
!3 = !{!2, !2, i64 0}

; CHECK-LABEL: define internal void @diffe_reverse_f(
; The copy's reverse: the double's adjoint from the storage back into the temporary's.
; CHECK: memcpy.adjoint:
; CHECK: [[MOVED:%.*]] = load double, ptr
; CHECK-NEXT: store double 0.000000e+00, ptr
; CHECK: fadd contract double {{%.*}}, [[MOVED]]
; CHECK: ret void
