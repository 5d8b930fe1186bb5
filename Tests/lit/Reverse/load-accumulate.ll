; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; The adjoint of a load from a duplicated pointer is accumulated into the shadow: the reverse sweep
; loads the shadow, adds the load's adjoint (here 2·v·r̄ for r = v·v) and stores it back (+=, never =).
; The entry point returns void: the only argument is duplicated.
declare void @__enzyme_autodiff(ptr, ...)

define double @f(ptr %p) {
entry:
  %v = load double, ptr %p, align 8
  %r = fmul double %v, %v
  ret double %r
}

define void @caller(ptr %p, ptr %dp) {
entry:
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp)
  ret void
}

; CHECK-LABEL: define void @caller(
; CHECK-SAME: ptr [[P:%.*]], ptr [[DP:%.*]])
; CHECK: call void @diffef(ptr [[P]], ptr [[DP]])

; CHECK-LABEL: define internal double @augmented_f(
; CHECK-SAME: ptr [[P:%.*]], ptr [[DP:%.*]], ptr [[TAPE:%.*]])
; CHECK: [[V:%.*]] = load double, ptr [[P]]
; CHECK: [[R:%.*]] = fmul double [[V]], [[V]]
; CHECK: [[REC:%.*]] = call ptr @swad.tape.reserve(ptr [[TAPE]], i64 16)
; CHECK-DAG: store double [[V]], ptr
; CHECK-DAG: store ptr [[DP]], ptr
; CHECK: ret double [[R]]

; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK-SAME: ptr [[TAPE:%[a-z]+]], double [[DRET:%[a-z]+]]{{.*}})
; CHECK: [[REC:%.*]] = call ptr @swad.tape.pop(ptr [[TAPE]], i64 16)
; CHECK: [[V:%.*]] = load double, ptr [[REC]]
; CHECK: [[SP:%.*]] = getelementptr i8, ptr [[REC]], i64 8
; CHECK: [[DP:%.*]] = load ptr, ptr [[SP]]
; CHECK: [[DR:%.*]] = fadd reassoc nsz contract double {{.*}}[[DRET]]
; CHECK: [[T1:%.*]] = fmul contract double [[V]], [[DR]]
; CHECK: [[T2:%.*]] = fmul contract double [[V]], [[DR]]
; CHECK: [[DV:%.*]] = fadd reassoc nsz contract double {{%.*}}, [[T2]]
; CHECK: [[OLD:%.*]] = load double, ptr [[DP]], align 8
; CHECK-NEXT: [[NEW:%.*]] = fadd reassoc nsz contract double [[OLD]], [[DV]]
; CHECK-NEXT: store double [[NEW]], ptr [[DP]], align 8
; CHECK: ret void

; CHECK-LABEL: define internal void @diffef(
; CHECK-SAME: ptr [[P:%.*]], ptr [[DP:%.*]])
; CHECK: call double @augmented_f(ptr [[P]], ptr [[DP]], ptr [[TAPE:%.*]])
; CHECK: call void @diffe_reverse_f(ptr [[TAPE]], double 1.000000e+00, {{.*}})
