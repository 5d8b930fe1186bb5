; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A helper, not inlined, copies the first 16 bytes of a struct `{double data[2]; ptr manager}`
; (as a std::function moves its storage). The caller fills the source with one `<2 x double>`
; store (clang's SLP vectorizer joins the two fields' stores) and reads the destination as two
; doubles: the two sides describe the copied bytes alike, grouped differently. They agree, so the
; helper's reverse sweep moves the two doubles' adjoints back; taken for a disagreement, the copy
; fell to the first access of the helper, the manager pointer's, and the gradient was silently 0.

%struct.Any = type { [2 x double], ptr }

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define internal void @manage(ptr %dest, ptr %source, i32 %op) {
entry:
  ret void
}

define internal void @move(ptr %to, ptr %from) noinline {
entry:
  call void @llvm.memcpy.p0.p0.i64(ptr %to, ptr %from, i64 16, i1 false)
  %from.manager = getelementptr inbounds i8, ptr %from, i64 16
  %manager = load ptr, ptr %from.manager, align 8
  %to.manager = getelementptr inbounds i8, ptr %to, i64 16
  store ptr %manager, ptr %to.manager, align 8
  ret void
}

define double @f(ptr %p) {
entry:
  %a = alloca %struct.Any, align 16
  %b = alloca %struct.Any, align 8
  %pair = load <2 x double>, ptr %p, align 8
  %scaled = fmul <2 x double> %pair, <double 2.0, double 1.0>
  store <2 x double> %scaled, ptr %a, align 16
  %a.manager = getelementptr inbounds i8, ptr %a, i64 16
  store ptr @manage, ptr %a.manager, align 16
  call void @move(ptr %b, ptr %a)
  %x = load double, ptr %b, align 8
  %b.y = getelementptr inbounds i8, ptr %b, i64 8
  %y = load double, ptr %b.y, align 8
  %r = fmul double %x, %y
  ret double %r
}

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_move(
; The copied bytes' adjoints, two doubles', go from the destination's shadow back to the source's.
; CHECK: memcpy.adjoint:
; CHECK: [[MOVED:%.*]] = load double, ptr
; CHECK-NEXT: store double 0.000000e+00, ptr
; CHECK-NEXT: [[OLD:%.*]] = load double, ptr {{%.*}}
; CHECK-NEXT: fadd contract double [[OLD]], [[MOVED]]
; CHECK: ret void
