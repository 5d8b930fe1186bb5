; A lane of a vector of pointers taken through the integers (what GVN makes of a `store <4 x ptr>`
; of row pointers forwarded to a later load of one row) is that lane of the pointers, and its
; shadow that lane of the vector's shadow. Through the integers it had none: the stores through it
; were instrumented as stores into memory without a shadow, and the derivative stopped at run time.
; RUN: %swad-opt --pre-passes '' -O0 %s -S | FileCheck %s

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: %[[SHADOWS:.+]] = getelementptr i8, ptr %"'{{.*}}", <2 x i64> <i64 0, i64 16>
; CHECK: extractelement <2 x ptr> %[[SHADOWS]], i64 1
; CHECK-NOT: swad.unshadowed
; CHECK: ret double

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; rows[1][0] = x[0]; the result is rows[1][0]².
define double @f(ptr %x) {
  %rows = alloca [2 x [2 x double]], align 16
  %table = alloca [2 x ptr], align 16
  %pointers = getelementptr i8, ptr %rows, <2 x i64> <i64 0, i64 16>
  store <2 x ptr> %pointers, ptr %table, align 16
  %integers = ptrtoint <2 x ptr> %pointers to <2 x i64>
  %second = extractelement <2 x i64> %integers, i64 1
  %row = inttoptr i64 %second to ptr
  %a = load double, ptr %x
  store double %a, ptr %row
  %b = load double, ptr %row
  %square = fmul double %b, %b
  ret double %square
}

declare double @__enzyme_autodiff(ptr, ...)

define double @gradient(ptr %x, ptr %dx) {
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx)
  ret double %r
}
