; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A record `{double u; int level; double w}` whose temporary SROA cut after `level`: the rest,
; 4 bytes of padding then `w`, is a 12-byte slice copied by memcpy, read back as the double 4
; bytes in. Moved as doubles from the copy's start, the adjoint was taken from the padding and
; `w`'s was lost (silently wrong); the copy is laid out by its accesses, the double at offset 4.

%struct.Pair = type { double, i32, double }

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define double @f(ptr %p) {
entry:
  %c = alloca %struct.Pair, align 8
  %slice = alloca [12 x i8], align 4
  %p0 = load double, ptr %p, align 8
  %w = fadd double %p0, 1.0
  %c.w = getelementptr inbounds i8, ptr %c, i64 16
  store double %w, ptr %c.w, align 8
  %c.rest = getelementptr inbounds i8, ptr %c, i64 12
  call void @llvm.memcpy.p0.p0.i64(ptr align 4 %slice, ptr align 4 %c.rest, i64 12, i1 false)
  %slice.w = getelementptr inbounds i8, ptr %slice, i64 4
  %x = load double, ptr %slice.w, align 4
  %r = fmul double %x, %x
  ret double %r
}

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_f(
; The slice's double, 4 bytes in, goes back from the slice's shadow to the record's.
; CHECK: memcpy.adjoint:
; CHECK: [[AT:%.*]] = add i64 {{%.*}}, 4
; CHECK-NEXT: [[TO:%.*]] = getelementptr inbounds i8, ptr {{%.*}}, i64 [[AT]]
; CHECK-NEXT: [[FROM:%.*]] = getelementptr inbounds i8, ptr {{%.*}}, i64 [[AT]]
; CHECK-NEXT: [[MOVED:%.*]] = load double, ptr [[FROM]]
; CHECK-NEXT: store double 0.000000e+00, ptr [[FROM]]
; CHECK: fadd contract double {{%.*}}, [[MOVED]]
