; A call of one of libmvec's vector functions (what clang -O2 -fveclib=libmvec makes of a loop over
; sin or pow) differentiates as its scalar function lane by lane: the adjoint of _ZGVbN2v_sin is the
; seed times cos of each lane, those of _ZGVbN2vv_pow y·pow(x, y-1) and pow(x, y)·log(x). It was
; refused as a function without a body or rule.
; RUN: %swad-opt --pre-passes '' --passes=verify --vector-library=none %s -S | FileCheck %s

; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK-DAG: call <2 x double> @llvm.cos.v2f64(<2 x double> %[[X:[^)]+]])
; CHECK-DAG: call <2 x double> @llvm.log.v2f64(
; CHECK-NOT: call <2 x double> @_ZGV
; CHECK: ret void

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; y[0:2] = sin(x[0:2]) + pow(x[0:2], x[2:4])
define void @f(ptr %x, ptr %y) {
  %v = load <2 x double>, ptr %x
  %high = getelementptr inbounds double, ptr %x, i64 2
  %w = load <2 x double>, ptr %high
  %s = call <2 x double> @_ZGVbN2v_sin(<2 x double> %v)
  %p = call <2 x double> @_ZGVbN2vv_pow(<2 x double> %v, <2 x double> %w)
  %sum = fadd <2 x double> %s, %p
  store <2 x double> %sum, ptr %y
  ret void
}

declare <2 x double> @_ZGVbN2v_sin(<2 x double>)
declare <2 x double> @_ZGVbN2vv_pow(<2 x double>, <2 x double>)
declare void @__enzyme_autodiff(ptr, ...)

define void @gradient(ptr %x, ptr %dx, ptr %y, ptr %dy) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx, ptr %y, ptr %dy)
  ret void
}
