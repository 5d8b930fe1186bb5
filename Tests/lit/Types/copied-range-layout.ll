; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A memcpy without type tags that moves a `{ptr, double}` record within one array (a generic
; container's swap-remove): the accesses to the copied bytes, in the source and the destination,
; lay them out as a pointer then a double. The reverse sweep moves the double's adjoint back from
; the destination and leaves the pointer's shadow bytes alone; taken as the memory's first field (a
; pointer), no adjoint moved and the gradient was silently wrong.

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare double @__enzyme_autodiff(ptr, ...)

@name = private constant [2 x i8] c"x\00"

define double @f(double %p) {
entry:
  %v = call ptr @malloc(i64 32)
  store ptr @name, ptr %v, align 1
  %mass0 = getelementptr inbounds i8, ptr %v, i64 8
  store double %p, ptr %mass0, align 1
  %second = getelementptr inbounds i8, ptr %v, i64 16
  store ptr @name, ptr %second, align 1
  %mass1 = getelementptr inbounds i8, ptr %v, i64 24
  %twice = fmul double %p, 2.0
  store double %twice, ptr %mass1, align 1
  call void @llvm.memcpy.p0.p0.i64(ptr align 1 %v, ptr align 1 %second, i64 16, i1 false)
  %r = load double, ptr %mass0, align 8
  call void @free(ptr %v)
  ret double %r
}

define double @caller(double %p) {
entry:
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %p)
  ret double %g
}

; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; The memcpy's adjoint: one record, its double 8 bytes in, moved from the destination's shadow to
; the source's and cleared; nothing at the pointer's offset.
; CHECK: memcpy.adjoint:
; CHECK: [[BASE:%.*]] = mul i64 {{%.*}}, 16
; CHECK-NEXT: [[AT:%.*]] = add i64 [[BASE]], 8
; CHECK-NEXT: [[TO:%.*]] = getelementptr inbounds i8, ptr {{%.*}}, i64 [[AT]]
; CHECK-NEXT: [[FROM:%.*]] = getelementptr inbounds i8, ptr {{%.*}}, i64 [[AT]]
; CHECK-NEXT: [[MOVED:%.*]] = load double, ptr [[FROM]]
; CHECK-NEXT: store double 0.000000e+00, ptr [[FROM]]
; CHECK-NEXT: [[OLD:%.*]] = load double, ptr [[TO]]
; CHECK-NEXT: [[SUM:%.*]] = fadd contract double [[OLD]], [[MOVED]]
; CHECK-NEXT: store double [[SUM]], ptr [[TO]]
; CHECK-NOT: load ptr
; CHECK: memcpy.adjoint.done:
