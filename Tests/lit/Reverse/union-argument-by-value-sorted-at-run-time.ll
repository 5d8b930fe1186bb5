; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A record declared with a union, `{union {double d; {char c; double w}}; char index}`, passed by
; value (`byval`) to a callee that stores it. The callee's copy of the argument has a shadow of its
; own, moved back to the caller's argument after the callee's reverse: as the union's declared
; member lays it out (`w` at byte 8), the adjoint of `d`, at byte 0, stayed behind (silently 0). Its
; words are now told apart when the reverse runs, as a copy of such records is.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"

%struct.CD = type { i8, double }
%union.U = type { %struct.CD }
%struct.V = type { %union.U, i8 }

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define internal void @put(ptr %a, ptr byval(%struct.V) align 8 %t) noinline {
entry:
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %a, ptr align 8 %t, i64 24, i1 false)
  ret void
}

define double @f(ptr %x, ptr %a) {
entry:
  %t = alloca %struct.V, align 8
  %x0 = load double, ptr %x, align 8
  store double %x0, ptr %t, align 8
  %index = getelementptr inbounds i8, ptr %t, i64 16
  store i8 0, ptr %index, align 8
  call void @put(ptr %a, ptr byval(%struct.V) align 8 %t)
  %d = load double, ptr %a, align 8
  %r = fmul double %d, %d
  ret double %r
}

define void @caller(ptr %x, ptr %dx, ptr %a, ptr %da) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx, ptr %a, ptr %da)
  ret void
}

; After the callee's reverse, the three words of its copy move back where they hold adjoints.
; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: call void @diffe_reverse_put(
; CHECK: memcpy.adjoint:
; CHECK: mul i64 {{%[0-9]+}}, 8
; CHECK: %is.adjoint = icmp uge i64 {{%[0-9]+}}, 4503599627370496
; CHECK: icmp ult i64 {{%[0-9]+}}, 3
; CHECK: memcpy.adjoint.done:
; CHECK: call void @free(
