; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A growing vector of (pointer, weight) pairs, inlined: the new storage gets the new element at the
; old size in bytes (a pointer at 0, a double at 8 of that address) and the old elements by a
; loop of 16-byte memcpys whose position in the storage nothing tells. The records the function
; stores into the storage lay the copy out: the pointer's shadow moves forward with it, the
; double's adjoint back. Taken from the storage's first access, the copy was a double's, and the
; reverse sweep followed a null shadow (a crash).

declare double @__enzyme_autodiff(ptr, ...)
declare ptr @malloc(i64)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define double @f(ptr %p, ptr %old, i64 %bytes) {
entry:
  %new = call ptr @malloc(i64 64)
  %at = getelementptr inbounds i8, ptr %new, i64 %bytes
  store ptr %p, ptr %at, align 8
  %weight.at = getelementptr inbounds i8, ptr %at, i64 8
  %x = load double, ptr %p, align 8
  store double %x, ptr %weight.at, align 8
  %end = getelementptr inbounds i8, ptr %old, i64 %bytes
  %empty = icmp eq i64 %bytes, 0
  br i1 %empty, label %read, label %move

move:
  %from = phi ptr [ %old, %entry ], [ %from.next, %move ]
  %to = phi ptr [ %new, %entry ], [ %to.next, %move ]
  call void @llvm.memcpy.p0.p0.i64(ptr %to, ptr %from, i64 16, i1 false)
  %from.next = getelementptr inbounds i8, ptr %from, i64 16
  %to.next = getelementptr inbounds i8, ptr %to, i64 16
  %done = icmp eq ptr %from.next, %end
  br i1 %done, label %read, label %move

read:
  %pointer = load ptr, ptr %new, align 8
  %value = load double, ptr %pointer, align 8
  %weight.first = getelementptr inbounds i8, ptr %new, i64 8
  %weight = load double, ptr %weight.first, align 8
  %r = fmul double %value, %weight
  ret double %r
}

define void @caller(ptr %p, ptr %dp, ptr %old, ptr %dold, i64 %bytes) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp, ptr %old, ptr %dold, i64 %bytes)
  ret void
}

; CHECK-LABEL: define internal double @augmented_f(
; The shadows' copy in the forward sweep carries the pointer's shadow.
; CHECK: move:
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr %to, ptr %from, i64 16, i1 false)
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr %"'to", ptr %"'from", i64 16, i1 false)
; CHECK-LABEL: define internal void @diffe_reverse_f(
; And the reverse moves the double 8 bytes in.
; CHECK: memcpy.adjoint:
; CHECK: add i64 {{%.*}}, 8
; CHECK: load double, ptr
; CHECK-NEXT: store double 0.000000e+00, ptr
