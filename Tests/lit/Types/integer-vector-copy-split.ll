; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; SLP-vectorized code moves two pointers (a pair of std::unique_ptr moved into a grown vector's
; new storage) as one `load <2 x i64>` and `store <2 x i64>`. No analysis of integer copies looked
; at the vector: the pointers' shadows stayed behind, and the reverse sweep followed the new
; record's null shadows (a crash). Before AD the copy becomes one `i64` copy per element, and each
; moves its shadow as any copy of a pointer's bits does.

declare double @__enzyme_autodiff(ptr, ...)
declare ptr @malloc(i64)

define internal void @move(ptr %to, ptr %from) noinline {
entry:
  %pair = load <2 x i64>, ptr %from, align 8
  store <2 x i64> %pair, ptr %to, align 8
  ret void
}

define double @f(ptr %p) {
entry:
  %from = alloca { ptr, ptr }, align 8
  %to = alloca { ptr, ptr }, align 8
  store ptr %p, ptr %from, align 8
  %p.1 = getelementptr inbounds i8, ptr %p, i64 8
  %second = getelementptr inbounds i8, ptr %from, i64 8
  store ptr %p.1, ptr %second, align 8
  call void @move(ptr %to, ptr %from)
  %a.at = load ptr, ptr %to, align 8
  %a = load double, ptr %a.at, align 8
  %b.in = getelementptr inbounds i8, ptr %to, i64 8
  %b.at = load ptr, ptr %b.in, align 8
  %b = load double, ptr %b.at, align 8
  %r = fmul double %a, %b
  ret double %r
}

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp)
  ret void
}

; The primal keeps its copy, one element at a time.
; CHECK-LABEL: define internal void @move(
; CHECK-NOT: <2 x i64>
; CHECK: [[FIRST:%.*]] = load i64, ptr %from, align 8
; CHECK: [[AT:%.*]] = getelementptr inbounds i8, ptr %from, i64 8
; CHECK: [[SECOND:%.*]] = load i64, ptr [[AT]], align 8
; CHECK: store i64 [[FIRST]], ptr %to, align 8
; CHECK: store i64 [[SECOND]], ptr {{%.*}}, align 8
; CHECK: ret void

; The augmented forward sweep moves both pointers' shadows with them.
; CHECK-LABEL: define internal void @augmented_move(
; CHECK: [[SHADOW1:%"'[0-9]*"]] = load i64, ptr %"'from"
; CHECK: [[SHADOW2:%"'[0-9]+"]] = load i64, ptr
; CHECK: store i64 [[SHADOW1]], ptr %"'to"
; CHECK: store i64 [[SHADOW2]], ptr
; CHECK: ret void
