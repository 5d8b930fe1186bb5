; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; malloc and free inside the differentiated function: the forward sweep gives the allocation a
; zeroed shadow allocation of the same size (@swad.block.alloc, Reverse/kept-shadow-blocks.ll); the shadow lives on (through the tape) until the reverse
; sweep has used it, which then frees it. In a combined gradient the primal's free is deferred too
; (to the reverse of the malloc), so that the reverse sweep could still read the primal memory.
declare double @__enzyme_autodiff(ptr, ...)
declare ptr @malloc(i64)
declare void @free(ptr)

; A temporary heap cell inside the function: t = malloc(8); *t = x * x; r = *t * x; free(t).
define double @f(double %x) {
entry:
  %t = call ptr @malloc(i64 8)
  %sq = fmul double %x, %x
  store double %sq, ptr %t, align 8
  %v = load double, ptr %t, align 8
  %r = fmul double %v, %x
  call void @free(ptr %t)
  ret double %r
}

define double @caller(double %x) {
entry:
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %g
}

; CHECK-LABEL: define internal double @augmented_f(
; CHECK-SAME: double [[X:%.*]], ptr [[TAPE:%.*]])
; CHECK: [[T:%.*]] = call ptr @malloc(i64 8)
; CHECK: [[DT:%.*]] = call ptr @swad.block.alloc(i64 8, i64 16)
; CHECK: [[USABLE:%.*]] = call i64 @malloc_usable_size(ptr [[DT]])
; CHECK: call void @llvm.memset.p0.i64(ptr {{.*}}[[DT]], i8 0, i64 [[USABLE]], i1 false)
; CHECK: store double {{%.*}}, ptr [[T]]
; CHECK-NOT: call void @free
; CHECK: store ptr [[DT]], ptr
; CHECK-NOT: call void @free
; CHECK: ret double

; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; CHECK-SAME: ptr [[TAPE:%[a-z]+]], double [[DRET:%[a-z]+]]{{.*}})
; CHECK: call ptr @swad.tape.pop(ptr [[TAPE]]
; CHECK: [[DT:%.*]] = load ptr, ptr
; CHECK: [[T:%.*]] = load ptr, ptr
; The load's adjoint accumulates into the shadow, the store's adjoint reads and clears it...
; CHECK: [[OLD:%.*]] = load double, ptr [[DT]]
; CHECK-NEXT: [[NEW:%.*]] = fadd reassoc nsz contract double [[OLD]], {{%.*}}
; CHECK-NEXT: store double [[NEW]], ptr [[DT]]
; CHECK: load double, ptr [[DT]]
; CHECK: store double 0.000000e+00, ptr [[DT]]
; ...and then the shadow goes to the list of blocks released once the gradient is done (by
; @swad.block.release, which keeps a large one for the next call), and the primal, whose release
; was deferred to here, is freed.
; CHECK: [[RECORD:%.*]] = call ptr @swad.tape.reserve(ptr @swad.release.after, i64 16)
; CHECK-NEXT: store ptr [[DT]], ptr [[RECORD]]
; CHECK: store ptr @swad.block.release, ptr
; CHECK-NEXT: call void @free(ptr [[T]])
; CHECK-NOT: call void @free
; CHECK: ret { double }
