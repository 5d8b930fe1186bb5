; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; enzyme_nofree: the tangent leaves the tape to the caller (to read it again for another direction,
; then free it); without it, the tangent frees the tape after checking it read all of it.
declare ptr @__enzyme_augmentfwd(ptr, ...)
declare double @__enzyme_fwdsplit(ptr, ...)
@enzyme_nofree = external global i32

define double @f(ptr %x) {
entry:
  %v = load double, ptr %x
  %r = fmul double %v, %v
  ret double %r
}

define void @caller(ptr %x, ptr %e1, ptr %e2, ptr %out) {
entry:
  %tape = call ptr (ptr, ...) @__enzyme_augmentfwd(ptr @f, ptr %x, ptr %e1)
  %nofree = load i32, ptr @enzyme_nofree
  %t1 = call double (ptr, ...) @__enzyme_fwdsplit(ptr @f, i32 %nofree, ptr %x, ptr %e1, ptr %tape)
  store double %t1, ptr %out
  %t2 = call double (ptr, ...) @__enzyme_fwdsplit(ptr @f, ptr %x, ptr %e2, ptr %tape)
  %p = getelementptr double, ptr %out, i64 1
  store double %t2, ptr %p
  ret void
}

; CHECK-LABEL: define void @caller(
; CHECK: [[TAPE:%.*]] = call ptr @swad.fwdsplit.seal(
; CHECK: [[S1:%.*]] = call ptr @swad.fwdsplit.begin(ptr [[TAPE]],
; CHECK: call { double, double } @fwdsplit_f(ptr %x, ptr %e1)
; CHECK: call void @swad.fwdsplit.end(ptr [[TAPE]], ptr [[S1]], i1 false,
; CHECK: [[S2:%.*]] = call ptr @swad.fwdsplit.begin(ptr [[TAPE]],
; CHECK: call { double, double } @fwdsplit_f(ptr %x, ptr %e2)
; CHECK: call void @swad.fwdsplit.end(ptr [[TAPE]], ptr [[S2]], i1 true,
; CHECK-NOT: @enzyme_nofree

; CHECK-LABEL: define internal void @swad.fwdsplit.end(
; CHECK: br i1 %2, label %release, label %exit
; CHECK: {{^}}release:
; CHECK-NEXT: call void @free(ptr %0)
