; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; An insertion sort's temporary `t = c[i]` of records `{double u; int level; double w}`, cut by
; SROA after `level`: the rest (padding, then `w`) is copied out of the array with a 12-byte
; memcpy through a pointer that moves along the array (a phi), and back with another; nothing in
; the function reads those bytes by offset. The declared type of the memory (the records the
; pointers index) lays the copy out: the double 4 bytes in. Moved as doubles from the copy's start,
; `w`'s adjoint was lost (silently wrong).

%struct.Pair = type { double, i32, double }

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define double @f(ptr %p) {
entry:
  %c = alloca [2 x %struct.Pair], align 8
  %slice = alloca [12 x i8], align 4
  %p0 = load double, ptr %p, align 8
  %c1 = getelementptr inbounds %struct.Pair, ptr %c, i64 1
  %c1.w = getelementptr inbounds %struct.Pair, ptr %c1, i64 0, i32 2
  store double %p0, ptr %c1.w, align 8
  br label %loop

loop:
  %at = phi ptr [ %c1, %entry ], [ %c, %loop ]
  %first = phi i1 [ true, %entry ], [ false, %loop ]
  %rest = getelementptr inbounds i8, ptr %at, i64 12
  call void @llvm.memcpy.p0.p0.i64(ptr align 4 %slice, ptr align 4 %rest, i64 12, i1 false)
  br i1 %first, label %loop, label %done

done:
  %c0.rest = getelementptr inbounds i8, ptr %c, i64 12
  call void @llvm.memcpy.p0.p0.i64(ptr align 4 %c0.rest, ptr align 4 %slice, i64 12, i1 false)
  %c0.w = getelementptr inbounds %struct.Pair, ptr %c, i64 0, i32 2
  %x = load double, ptr %c0.w, align 8
  %r = fmul double %x, %x
  ret double %r
}

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_f(
; Both copies move the double 4 bytes in.
; CHECK: memcpy.adjoint:
; CHECK: add i64 {{%.*}}, 4
; CHECK: load double, ptr
; CHECK-NEXT: store double 0.000000e+00, ptr
; CHECK: memcpy.adjoint{{[0-9]+}}:
; CHECK: add i64 {{%.*}}, 4
; CHECK: load double, ptr
; CHECK-NEXT: store double 0.000000e+00, ptr
; CHECK: ret void
