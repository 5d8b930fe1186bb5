; Forward mode through a call of libmvec's four-lane tanh (clang -O2 -march=haswell
; -fveclib=libmvec on a loop over tanh): the tangent is (1 - tanh²) times the input's, lane by lane,
; from the primal call's result.
; RUN: %swad-opt --pre-passes '' --passes=verify --vector-library=none %s -S | FileCheck %s

; CHECK-LABEL: define internal void @fwddiffef(
; CHECK: %[[T:.+]] = call <4 x double> @_ZGVdN4v_tanh(<4 x double> %[[V:.+]])
; CHECK: %[[SQUARE:.+]] = fmul contract <4 x double> %[[T]], %[[T]]
; CHECK: %[[PARTIAL:.+]] = fsub contract <4 x double> splat (double 1.000000e+00), %[[SQUARE]]
; CHECK: fmul contract <4 x double> %[[PARTIAL]], %
; CHECK: ret void

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @f(ptr %x, ptr %y) {
  %v = load <4 x double>, ptr %x
  %t = call <4 x double> @_ZGVdN4v_tanh(<4 x double> %v)
  store <4 x double> %t, ptr %y
  ret void
}

declare <4 x double> @_ZGVdN4v_tanh(<4 x double>)
declare void @__enzyme_fwddiff(ptr, ...)

define void @tangent(ptr %x, ptr %dx, ptr %y, ptr %dy) {
  call void (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %x, ptr %dx, ptr %y, ptr %dy)
  ret void
}
