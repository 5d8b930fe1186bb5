; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; A buffer malloc'd and freed inside the function: the augmented primal allocates, uses and frees
; it; the tangent allocates only the shadow (zeroed; @swad.block.alloc), writes and reads tangents
; through it, and releases it where the primal freed the buffer (@swad.block.release). Neither the primal malloc nor the primal free is
; repeated, and the buffer's contents, which the tangent needs, come from the tape.
declare ptr @__enzyme_augmentfwd(ptr, ...)
declare double @__enzyme_fwdsplit(ptr, ...)
declare noalias ptr @malloc(i64)
declare void @free(ptr)

define double @f(ptr %x) {
entry:
  %buf = call ptr @malloc(i64 8)
  %v = load double, ptr %x
  %sq = fmul double %v, %v
  store double %sq, ptr %buf
  %w = load double, ptr %buf
  %r = fmul double %w, %v
  call void @free(ptr %buf)
  ret double %r
}

define double @caller(ptr %x, ptr %dx) {
entry:
  %tape = call ptr (ptr, ...) @__enzyme_augmentfwd(ptr @f, ptr %x, ptr %dx)
  %t = call double (ptr, ...) @__enzyme_fwdsplit(ptr @f, ptr %x, ptr %dx, ptr %tape)
  ret double %t
}

; CHECK-LABEL: define internal { double, double } @fwdsplit_f(
; CHECK-NOT: call ptr @malloc(i64 8)
; CHECK: [[SHADOW:%.*]] = call ptr @swad.block.alloc(i64 8, i64 16)
; CHECK: call void @llvm.memset{{.*}}(ptr {{.*}}[[SHADOW]], i8 0,
; CHECK-NOT: call ptr @malloc
; CHECK: store double {{%.*}}, ptr [[SHADOW]]
; CHECK: load double, ptr [[SHADOW]]
; CHECK: call void @swad.block.release(ptr [[SHADOW]])
; CHECK-NOT: call void @free
; CHECK: ret { double, double }

; CHECK-LABEL: define internal double @augmented_fwdsplit_f(
; CHECK: [[BUF:%.*]] = call ptr @malloc(i64 8)
; CHECK: call void @free(ptr [[BUF]])
