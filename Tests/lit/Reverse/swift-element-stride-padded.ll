; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Swift's IR type of `struct Paired { var v: SIMD2<Double>; var tag: Tag }` is a packed struct of
; 24 bytes, but its elements lie 32 apart (the vector's alignment is 16). The runtime's element copy
; (`swift_arrayInitWithCopy`, the metadata naming the type) was laid out 24 bytes apart: the
; adjoints of the second element on were read from the wrong places, with misaligned vector loads
; (a crash). The element is padded to its stride (SwiftRuntime.paddedToStride).

%T4main6PairedV = type <{ %Ts5SIMD2VySdG, ptr }>
%Ts5SIMD2VySdG = type <{ <2 x double> }>

@"$s4main6PairedVMf" = external global i8

declare void @swift_arrayInitWithCopy(ptr, ptr, i64, ptr)
declare double @__enzyme_autodiff(ptr, ...)

define double @"$s4main4copy"(ptr %to, ptr %from, i64 %count, ptr %x) {
entry:
  call void @swift_arrayInitWithCopy(ptr %to, ptr %from, i64 %count, ptr getelementptr inbounds nuw (i8, ptr @"$s4main6PairedVMf", i64 16))
  %v = load double, ptr %x, align 8
  ret double %v
}

define void @caller(ptr %to, ptr %dto, ptr %from, ptr %dfrom, i64 %n, ptr %x, ptr %dx) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @"$s4main4copy", ptr %to, ptr %dto, ptr %from, ptr %dfrom, i64 %n, ptr %x, ptr %dx)
  ret void
}

; The reverse sweep moves the adjoints of `count` elements 32 bytes apart, the vector first in each.
; CHECK-LABEL: define internal void @"diffe_reverse_$s4main4copy"(
; CHECK: [[BYTES:%[0-9]+]] = mul i64 %count, 32
; CHECK: udiv i64 [[BYTES]], 32
; CHECK: memcpy.adjoint:
; CHECK: mul i64 {{%[0-9]+}}, 32
; CHECK: [[ADJOINT:%[0-9]+]] = load <2 x double>, ptr {{%[0-9]+}}, align 16
; CHECK: fadd contract <2 x double> {{%[0-9]+}}, [[ADJOINT]]
; CHECK: ret void
