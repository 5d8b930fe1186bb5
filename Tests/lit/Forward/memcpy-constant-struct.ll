; RUN: %swad-opt %s --pre-passes '' --passes '' -S | FileCheck %s
; A struct of a pointer, an int and a double copied from constant memory into memory with a shadow:
; the shadow is zero except for the pointer, copied from the data (a constant pointer is its own
; shadow), in forward and in reverse mode. Zeroing it all left a null pointer in the shadow. The
; struct's layout comes from the accesses of the function the copy is handed to; bytes it does not
; know stay zero.

declare double @__enzyme_fwddiff(ptr, ...)
declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define internal void @copy(ptr %dst, ptr %src) noinline {
  call void @llvm.memcpy.p0.p0.i64(ptr %dst, ptr %src, i64 24, i1 false)
  ret void
}

define internal double @use(ptr %t, ptr %x) noinline {
  %w = load ptr, ptr %t
  %n.at = getelementptr i8, ptr %t, i64 8
  %n = load i32, ptr %n.at
  %scale.at = getelementptr i8, ptr %t, i64 16
  %scale = load double, ptr %scale.at
  %w0 = load double, ptr %w
  %x0 = load double, ptr %x
  %a = fmul double %w0, %x0
  %b = fmul double %a, %scale
  ret double %b
}

define double @f(ptr %table, ptr %x) {
  %local = alloca { ptr, i32, double }
  call void @copy(ptr %local, ptr %table)
  %r = call double @use(ptr %local, ptr %x)
  ret double %r
}

; CHECK-LABEL: define internal void @fwddiffecopy(ptr %dst, ptr %"'dst", ptr %src)
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr %dst, ptr %src, i64 24, i1 false)
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 1 %"'dst", i8 0, i64 24, i1 false)
; CHECK-NEXT: call void @"swad.copy.pointers.<{ptr,i32,[4xi8],double}>"(ptr %"'dst", ptr %src, i64 24)

; Only the pointer at offset 0 is copied.
; CHECK-LABEL: define internal void @"swad.copy.pointers.<{ptr,i32,[4xi8],double}>"(ptr %0, ptr %1, i64 %2)
; CHECK: [[AT:%.*]] = add i64 {{%.*}}, 0
; CHECK-NEXT: [[FROM:%.*]] = getelementptr inbounds i8, ptr %1, i64 [[AT]]
; CHECK-NEXT: [[POINTER:%.*]] = load ptr, ptr [[FROM]]
; CHECK-NEXT: [[TO:%.*]] = getelementptr inbounds i8, ptr %0, i64 [[AT]]
; CHECK-NEXT: store ptr [[POINTER]], ptr [[TO]]
; CHECK-NEXT: add i64 %index, 1

; CHECK-LABEL: define internal void @augmented_copy(
; CHECK: call void @llvm.memset.p0.i64(ptr align 1 %"'dst", i8 0, i64 24, i1 false)
; CHECK-NEXT: call void @"swad.copy.pointers.<{ptr,i32,[4xi8],double}>"(ptr %"'dst", ptr %src, i64 24)

define double @caller(ptr %table, ptr %x, ptr %dx) {
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, metadata !"enzyme_const", ptr %table, metadata !"enzyme_dup", ptr %x, ptr %dx)
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, metadata !"enzyme_const", ptr %table, metadata !"enzyme_dup", ptr %x, ptr %dx)
  %s = fadd double %t, %g
  ret double %s
}
