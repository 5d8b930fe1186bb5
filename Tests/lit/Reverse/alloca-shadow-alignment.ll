; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Stack slots get heap shadows in reverse mode (they outlive the augmented function's frame). A slot
; aligned beyond malloc's 16 bytes (Eigen's fixed-size matrices with AVX: 32, AVX-512: 64), read
; with aligned vector loads, gets a shadow just as aligned, from aligned_alloc. A 16-byte slot in the
; same module is aligned, with its shadow, to the module's widest vector (32 bytes), so that the two
; lie alike modulo any packet (stack-slot-shadows-aligned-to-vectors.ll).

declare void @__enzyme_autodiff(ptr, ...)

define double @packets(ptr %x) {
entry:
  %wide = alloca <4 x double>, align 32
  %narrow = alloca <2 x double>, align 16
  %v = load <4 x double>, ptr %x, align 8
  store <4 x double> %v, ptr %wide, align 32
  %w = load <4 x double>, ptr %wide, align 32
  %lo = shufflevector <4 x double> %w, <4 x double> poison, <2 x i32> <i32 0, i32 1>
  store <2 x double> %lo, ptr %narrow, align 16
  %n = load <2 x double>, ptr %narrow, align 16
  %e = extractelement <2 x double> %n, i32 1
  %s = fmul double %e, %e
  ret double %s
}

define void @caller(ptr %x, ptr %dx) {
entry:
  call void (ptr, ...) @__enzyme_autodiff(ptr @packets, ptr %x, ptr %dx)
  ret void
}

; CHECK-LABEL: define internal double @augmented_packets(
; CHECK-DAG:  [[WIDE:%.*]] = call ptr @aligned_alloc(i64 32, i64 32)
; CHECK-DAG:  %narrow = alloca <2 x double>, align 32
; CHECK-DAG:  [[NARROW:%.*]] = call ptr @aligned_alloc(i64 32, i64 32)
; CHECK-DAG:  call void @llvm.memset.p0.i64(ptr align 1 [[WIDE]], i8 0, i64 32, i1 false)
