; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A memcpy of half a row of a matrix whose rows the function indexes as `[4 x double]`: the copy
; moves doubles, 16 bytes of them, and its adjoint goes back double by double. Taken by the row's
; type, 32 bytes, the adjoint loop ran 16 / 32 = 0 times (the gradient was silently 0).

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare double @__enzyme_autodiff(ptr, ...)

define double @f(ptr %src, i64 %k) {
entry:
  %out = alloca [2 x [4 x double]], align 16
  %row = getelementptr inbounds [4 x double], ptr %out, i64 %k
  %from = getelementptr inbounds [4 x double], ptr %src, i64 %k
  call void @llvm.memcpy.p0.p0.i64(ptr %row, ptr %from, i64 16, i1 false)
  %second = getelementptr inbounds double, ptr %row, i64 1
  %a = load double, ptr %row, align 8
  %b = load double, ptr %second, align 8
  %r = fmul double %a, %b
  ret double %r
}

define void @caller(ptr %src, ptr %dsrc) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %src, ptr %dsrc, i64 0)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_f(
; The adjoint loop runs over the copy's 16 bytes, 8 at a time: 2 doubles.
; CHECK: memcpy.adjoint:
; CHECK: mul i64 {{%.*}}, 8
; CHECK: load double
; CHECK: icmp ult i64 {{%.*}}, 2
