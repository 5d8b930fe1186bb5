; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A helper, not inlined, copies 8 bytes as an integer out of memory its caller lays out as an
; integer at offset 0 and a pointer at offset 8 (`{char data[8]; void *owner}`, data filled from a
; double); the caller reads the copy back as a double. What the caller says of the memory counts at
; the copied bytes' offset only: there it says nothing of pointers, so the helper's reverse sweep
; moves the copy's adjoint back. Taken as a bag of fields ("holds a pointer"), the copy was a
; pointer's and the gradient was silently 0.

%struct.Box = type { [8 x i8], ptr }

declare ptr @malloc(i64)
declare void @free(ptr)
declare double @__enzyme_autodiff(ptr, ...)

define internal ptr @clone(ptr %source) noinline {
entry:
  %made = call ptr @malloc(i64 16)
  %bits = load i64, ptr %source, align 8
  store i64 %bits, ptr %made, align 8
  ret ptr %made
}

define double @f(ptr %p) {
entry:
  %box = alloca %struct.Box, align 8
  %bits = load i64, ptr %p, align 8
  store i64 %bits, ptr %box, align 8
  %owner = getelementptr inbounds i8, ptr %box, i64 8
  store ptr null, ptr %owner, align 8
  %copy = call ptr @clone(ptr %box)
  %x = load double, ptr %copy, align 8
  %r = fmul double %x, 2.0
  call void @free(ptr %copy)
  ret double %r
}

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_clone(
; CHECK-SAME: ptr %tape, ptr %source, ptr %"'source")
; The copied bytes' adjoint, a double's, goes from the copy's shadow (cleared) into the copied
; value's slot, and from there back to the source's shadow. Nothing says the word is a double
; either: it is told apart when the sweep runs (an adjoint is 2^52 or more), as any word is that
; nothing types (Reverse/untyped-word-copy-sorted-at-run-time.ll).
; CHECK: %is.adjoint = icmp uge i64 [[WORD:%[0-9]+]], 4503599627370496
; CHECK: [[MOVED:%.*]] = select i1 %is.adjoint, double {{%[0-9]+}}, double -0.000000e+00
; CHECK-NEXT: [[OLD:%.*]] = load double, ptr %dbits
; CHECK-NEXT: fadd reassoc nsz contract double [[OLD]], [[MOVED]]
; CHECK: [[SEED:%.*]] = load double, ptr %dbits
; CHECK: %moves.adjoint = fcmp une double [[SEED]], 0.000000e+00
; CHECK: ret void
