; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A C prototype returning a struct of four doubles returns it through an sret pointer: the four
; lane results are stored there.

%struct.Vec4 = type { [4 x double] }

declare void @__enzyme_batch(ptr sret(%struct.Vec4), ptr, ...)

define double @sq(double %x) {
entry:
  %m = fmul double %x, %x
  ret double %m
}

define void @caller(ptr %out, double %x0, double %x1, double %x2, double %x3) {
entry:
  call void (ptr, ptr, ...) @__enzyme_batch(ptr sret(%struct.Vec4) %out, ptr @sq, metadata !"enzyme_width", i32 4, metadata !"enzyme_vector", double %x0, double %x1, double %x2, double %x3)
  ret void
}

; CHECK-LABEL: define void @caller(
; CHECK-SAME: ptr [[OUT:%[^,]*]],
; CHECK: [[R:%.*]] = call [4 x double] @batch4_v_sq(
; CHECK: store %struct.Vec4 {{%.*}}, ptr [[OUT]]
; CHECK-NOT: __enzyme_batch
; CHECK-LABEL: define internal [4 x double] @batch4_v_sq(
