; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A copy of 32-byte records `{i64 tag; double a; double b; i64}` whose `a` and `b` the function reads
; at once, as `<2 x double>` at byte 8 (the SLP vectorizer's load of `IDD`'s fields in a
; `std::deque<std::variant<double, IDD>>`). The copy's reverse moved that leaf with the vector's own
; alignment, 16, which an address 8 bytes into a 16-aligned record does not have: the optimized
; gradient crashed (an aligned SSE load). The leaf moves with its elements' alignment.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"

%struct.R = type <{ i64, <2 x double>, i64 }>

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define double @f(ptr %from, ptr %to, i64 %n) {
entry:
  %bytes = mul i64 %n, 32
  call void @llvm.memcpy.p0.p0.i64(ptr align 16 %to, ptr align 16 %from, i64 %bytes, i1 false)
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %s = phi double [ 0.0, %entry ], [ %s.next, %loop ]
  %ab.at = getelementptr inbounds %struct.R, ptr %to, i64 %i, i32 1
  %ab = load <2 x double>, ptr %ab.at, align 8
  %a = extractelement <2 x double> %ab, i64 0
  %b = extractelement <2 x double> %ab, i64 1
  %ab2 = fmul double %a, %b
  %s.next = fadd double %s, %ab2
  %i.next = add i64 %i, 1
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %loop, label %done

done:
  ret double %s.next
}

define void @caller(ptr %x, ptr %dx, ptr %y, ptr %dy, i64 %n) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx, ptr %y, ptr %dy, i64 %n)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: memcpy.adjoint:
; CHECK: load <2 x double>, ptr {{%[0-9]+}}, align 8
; CHECK-NEXT: store <2 x double> zeroinitializer, ptr {{%[0-9]+}}, align 8
; CHECK-NEXT: load <2 x double>, ptr {{%[0-9]+}}, align 8
; CHECK: store <2 x double> {{%[0-9]+}}, ptr {{%[0-9]+}}, align 8
; CHECK: memcpy.adjoint.done:
