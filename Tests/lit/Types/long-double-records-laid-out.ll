; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Records `{long double w; const double *p}` swapped by copies of their 32 bytes (struct
; assignment), typed by the function's stores into them at offsets a loop computes. x86_fp80 stores
; 10 bytes but takes 16: laid out as 10 bytes and 6 of padding in a packed struct, the long double
; took 16 and the record 30, and the reverse of each copy moved back a record of the wrong size (the
; swap's adjoints were lost, silently). A layout counts each field's allocated size: one x86_fp80
; and one pointer (left alone) per 32 bytes.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define double @f(ptr %x) {
entry:
  %a = alloca [2 x { x86_fp80, ptr }], align 16
  %t = alloca { x86_fp80, ptr }, align 16
  br label %fill

fill:
  %i = phi i64 [ 0, %entry ], [ %next, %fill ]
  %x.at = getelementptr inbounds double, ptr %x, i64 %i
  %xi = load double, ptr %x.at, align 8
  %wi = fpext double %xi to x86_fp80
  %a.at = getelementptr inbounds { x86_fp80, ptr }, ptr %a, i64 %i
  store x86_fp80 %wi, ptr %a.at, align 16
  %p.at = getelementptr inbounds i8, ptr %a.at, i64 16
  store ptr %x.at, ptr %p.at, align 8
  %next = add i64 %i, 1
  %more = icmp ult i64 %next, 2
  br i1 %more, label %fill, label %swap

swap:
  %a1 = getelementptr inbounds i8, ptr %a, i64 32
  call void @llvm.memcpy.p0.p0.i64(ptr align 16 %t, ptr align 16 %a, i64 32, i1 false)
  call void @llvm.memcpy.p0.p0.i64(ptr align 16 %a, ptr align 16 %a1, i64 32, i1 false)
  call void @llvm.memcpy.p0.p0.i64(ptr align 16 %a1, ptr align 16 %t, i64 32, i1 false)
  %v0 = load x86_fp80, ptr %a, align 16
  %v1 = load x86_fp80, ptr %a1, align 16
  %twice = fadd x86_fp80 %v1, %v1
  %sum = fadd x86_fp80 %v0, %twice
  %r = fptrunc x86_fp80 %sum to double
  ret double %r
}

define void @caller(ptr %x, ptr %dx) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: memcpy.adjoint:
; CHECK-NOT: memcpy.adjoint.done:
; CHECK: mul i64 {{%[0-9]+}}, 32
; CHECK-NOT: memcpy.adjoint.done:
; CHECK: load x86_fp80
; CHECK-NOT: memcpy.adjoint.done:
; CHECK: fadd contract x86_fp80
; CHECK: memcpy.adjoint.done:
