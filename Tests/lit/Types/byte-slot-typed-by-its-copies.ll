; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; An insertion sort's temporary `t = b[i]` of records `{i32 k; double v}`, cut by SROA after `k`:
; the rest (4 bytes of padding, then `v`) goes into a 12-byte stack slot of bytes and back out to
; where the loop stopped, a pointer whose type nothing declares (a phi of byte offsets). The copy
; out has no declared type on either side; the slot holds what the copy in put there, whose source
; the records' type lays out: the double 4 bytes in. Moved as a double from the slot's start, the
; adjoint was taken from the padding (silently wrong).

%struct.B = type { i32, double }

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define double @f(ptr %p, i1 %first) {
entry:
  %b = alloca [2 x %struct.B], align 8
  %slice = alloca [12 x i8], align 4
  %p0 = load double, ptr %p, align 8
  %b1.v = getelementptr inbounds %struct.B, ptr %b, i64 1, i32 1
  store double %p0, ptr %b1.v, align 8
  %b1 = getelementptr inbounds %struct.B, ptr %b, i64 1
  %b1.rest = getelementptr inbounds i8, ptr %b1, i64 4
  call void @llvm.memcpy.p0.p0.i64(ptr align 4 %slice, ptr align 4 %b1.rest, i64 12, i1 false)
  %at0 = getelementptr inbounds i8, ptr %b, i64 4
  %at1 = getelementptr inbounds i8, ptr %b, i64 20
  %to = select i1 %first, ptr %at0, ptr %at1
  call void @llvm.memcpy.p0.p0.i64(ptr align 4 %to, ptr align 4 %slice, i64 12, i1 false)
  %b0.v = getelementptr inbounds %struct.B, ptr %b, i64 0, i32 1
  %x = load double, ptr %b0.v, align 8
  %r = fmul double %x, %x
  ret double %r
}

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp, i1 true)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_f(
; Both copies move the double 4 bytes in.
; CHECK: memcpy.adjoint:
; CHECK: add i64 {{%.*}}, 4
; CHECK: memcpy.adjoint{{[0-9]+}}:
; CHECK: add i64 {{%.*}}, 4
; CHECK: ret void
