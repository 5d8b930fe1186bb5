; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A restrict (noalias) pointer parameter stays noalias in the derivatives, and so does its shadow:
; the optimizer can treat the derivative's memory accesses as it treats the primal's.
declare void @__enzyme_autodiff(ptr, ...)
declare void @__enzyme_fwddiff(ptr, ...)

define void @f(ptr noalias %out, ptr noalias %in) {
entry:
  %x = load double, ptr %in
  %y = fmul double %x, %x
  store double %y, ptr %out
  ret void
}

define void @caller(ptr %o, ptr %do, ptr %i, ptr %di) {
entry:
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %o, ptr %do, ptr %i, ptr %di)
  call void (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %o, ptr %do, ptr %i, ptr %di)
  ret void
}

; CHECK-LABEL: define internal void @augmented_f(
; CHECK-SAME: ptr noalias %out, ptr noalias %"'out", ptr noalias %in, ptr noalias %"'in", ptr %tape)
; CHECK-LABEL: define internal void @fwddiffef(
; CHECK-SAME: ptr noalias %out, ptr noalias %"'out", ptr noalias %in, ptr noalias %"'in")
