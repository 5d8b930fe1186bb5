; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; memset backwards: the bytes it overwrote get their adjoints cleared (a memset of the shadow
; with the same length), before the adjoints of earlier loads are added into the shadow.
declare void @__enzyme_autodiff(ptr, ...)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)

; Zeroes a[0..n) after reading a[0]: the memset's adjoint clears the shadow bytes it overwrote.
define double @clear(ptr %a, i64 %n) {
entry:
  %v = load double, ptr %a, align 8
  %bytes = shl i64 %n, 3
  call void @llvm.memset.p0.i64(ptr %a, i8 0, i64 %bytes, i1 false)
  ret double %v
}

define void @caller(ptr %a, ptr %da, i64 %n) {
entry:
  call void (ptr, ...) @__enzyme_autodiff(ptr @clear, ptr %a, ptr %da, i64 %n)
  ret void
}

; CHECK-LABEL: define internal double @augmented_clear(
; CHECK-SAME: ptr [[A:%.*]], ptr [[DA:%.*]], i64 [[N:%.*]], ptr [[TAPE:%.*]])
; CHECK: [[BYTES:%.*]] = shl i64 [[N]], 3
; CHECK: call void @llvm.memset.p0.i64(ptr [[A]], i8 0, i64 [[BYTES]], i1 false)
; CHECK-NOT: call void @llvm.memset
; CHECK: ret double

; CHECK-LABEL: define internal void @diffe_reverse_clear(
; CHECK-SAME: ptr [[TAPE:%[a-z]+]], double [[DRET:%[a-z]+]]{{.*}})
; CHECK: call ptr @swad.tape.pop(ptr [[TAPE]]
; CHECK-DAG: [[BYTES:%.*]] = load i64, ptr {{%.*}}
; CHECK-DAG: [[DA:%.*]] = load ptr, ptr {{%.*}}
; CHECK: [[DV:%.*]] = fadd reassoc nsz contract double {{.*}}[[DRET]]
; CHECK: call void @llvm.memset.p0.i64(ptr {{.*}}[[DA]], i8 0, i64 [[BYTES]], i1 false)
; CHECK: [[OLD:%.*]] = load double, ptr [[DA]]
; CHECK-NEXT: [[NEW:%.*]] = fadd reassoc nsz contract double [[OLD]], [[DV]]
; CHECK-NEXT: store double [[NEW]], ptr [[DA]]
; CHECK: ret void
