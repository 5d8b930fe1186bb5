; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Two doubles swapped through integer temporaries (a generic swap's `uint64_t` words): the first
; store overwrites memory the second copy was loaded from. The reverse sweep takes each store's
; adjoint into the copied value's own slot (a double) and the load's reverse adds it to the loaded
; memory's shadow. Moved straight from the stored-to shadow to the loaded-from one, the adjoints
; went to the swapped places' new contents (silently wrong).

declare double @__enzyme_autodiff(ptr, ...)

define internal void @swap(ptr %a, ptr %b) noinline {
entry:
  %t = load i64, ptr %a, align 8
  %u = load i64, ptr %b, align 8
  store i64 %u, ptr %a, align 8
  store i64 %t, ptr %b, align 8
  ret void
}

define double @f(ptr %p) {
entry:
  %v = alloca [2 x double], align 8
  %p0 = load double, ptr %p, align 8
  store double %p0, ptr %v, align 8
  %p.1 = getelementptr inbounds i8, ptr %p, i64 8
  %p1 = load double, ptr %p.1, align 8
  %three = fmul double %p1, 3.0
  %v.1 = getelementptr inbounds i8, ptr %v, i64 8
  store double %three, ptr %v.1, align 8
  call void @swap(ptr %v, ptr %v.1)
  %x = load double, ptr %v, align 8
  %y = load double, ptr %v.1, align 8
  %yy = fmul double %y, %y
  %r = call double @llvm.fmuladd.f64(double %x, double 2.0, double %yy)
  ret double %r
}

declare double @llvm.fmuladd.f64(double, double, double)

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_swap(
; The last store's adjoint (b's shadow) goes into the slot of %t, the value it stored; the first
; store's (a's shadow) into %u's; each shadow is cleared.
; CHECK: rev.entry.body:
; CHECK: [[TO_T:%.*]] = load double, ptr
; CHECK-NEXT: store double 0.000000e+00, ptr
; CHECK-NEXT: [[DT:%.*]] = load double, ptr %dt
; CHECK-NEXT: fadd reassoc nsz contract double [[DT]], [[TO_T]]
; CHECK: [[TO_U:%.*]] = load double, ptr
; CHECK-NEXT: store double 0.000000e+00, ptr
; CHECK-NEXT: [[DU:%.*]] = load double, ptr %du
; CHECK-NEXT: fadd reassoc nsz contract double [[DU]], [[TO_U]]
; Then the loads, newest first: %u's adjoint is added to b's shadow, %t's to a's.
; CHECK: [[U:%.*]] = load double, ptr %du
; CHECK-NEXT: store double -0.000000e+00, ptr %du
; CHECK: fadd reassoc nsz contract double {{%.*}}, [[U]]
; CHECK: [[T:%.*]] = load double, ptr %dt
; CHECK-NEXT: store double -0.000000e+00, ptr %dt
; CHECK: fadd reassoc nsz contract double {{%.*}}, [[T]]
; CHECK: ret void
