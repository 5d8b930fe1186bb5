; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Optimized Eigen gathers a quaternion's coefficients as `i64` lanes (`insertelement` of integer
; loads, a shuffle of the vector) and, after normalizing it, chooses between the packets as
; `<2 x i64>` (`select`) before flipping signs with `xor`. Through the integers the derivative was
; refused. Lanes gathered as integers and read back as floats are gathered as floats
; (FloatCarriers.insertedLanesAsFloats), the integer loads become loads of doubles, and a choice of
; integer vectors read as floats gets a floating-point twin (FloatCarriers.twinChosenFloats).

; CHECK-LABEL: define double @gathered(
; CHECK-NOT: load i64
; CHECK: [[A:%[0-9]+]] = load double, ptr %pa
; CHECK: [[B:%[0-9]+]] = load double, ptr %pb
; CHECK: [[V0:%[0-9]+]] = insertelement <2 x double> poison, double [[A]], i64 0
; CHECK: [[V1:%[0-9]+]] = insertelement <2 x double> [[V0]], double [[B]], i64 1
; CHECK: shufflevector <2 x double> [[V1]], <2 x double> poison, <2 x i32> <i32 1, i32 0>
; CHECK-NOT: xor
; CHECK: ret double
; CHECK-LABEL: define double @chosen(
; CHECK: [[T:%.*]] = select i1 %c, <2 x double> %n, <2 x double> %v
; CHECK: fneg <2 x double> [[T]]
; CHECK: ret double
; The gradient of gathered: lane 0 of the swapped vector is b, lane 1 is -a.
; CHECK-LABEL: define internal {{.*}} @diffegathered(
; CHECK: fneg
; CHECK: ret

declare double @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32

define double @gathered(ptr %x) {
  %pa = getelementptr inbounds i8, ptr %x, i64 8
  %pb = getelementptr inbounds i8, ptr %x, i64 16
  %a = load i64, ptr %pa, align 8
  %b = load i64, ptr %pb, align 8
  %v0 = insertelement <2 x i64> poison, i64 %a, i64 0
  %v1 = insertelement <2 x i64> %v0, i64 %b, i64 1
  %swap = shufflevector <2 x i64> %v1, <2 x i64> poison, <2 x i32> <i32 1, i32 0>
  %flip = xor <2 x i64> %swap, <i64 0, i64 -9223372036854775808>
  %f = bitcast <2 x i64> %flip to <2 x double>
  %l0 = extractelement <2 x double> %f, i64 0
  %l1 = extractelement <2 x double> %f, i64 1
  %s = fmul double %l0, %l1
  ret double %s
}

define double @chosen(ptr %x, i1 %c) {
  %v = load <2 x double>, ptr %x, align 16
  %n = fmul <2 x double> %v, splat (double 0.5)
  %vb = bitcast <2 x double> %v to <2 x i64>
  %nb = bitcast <2 x double> %n to <2 x i64>
  %t = select i1 %c, <2 x i64> %nb, <2 x i64> %vb
  %flip = xor <2 x i64> %t, splat (i64 -9223372036854775808)
  %f = bitcast <2 x i64> %flip to <2 x double>
  %l0 = extractelement <2 x double> %f, i64 0
  %l1 = extractelement <2 x double> %f, i64 1
  %s = fmul double %l0, %l1
  ret double %s
}

define void @df(ptr %x, ptr %dx, i1 %c) {
  %a = call double (ptr, ...) @__enzyme_autodiff(ptr @gathered, ptr @enzyme_dup, ptr %x, ptr %dx)
  %b = call double (ptr, ...) @__enzyme_autodiff(ptr @chosen, ptr @enzyme_dup, ptr %x, ptr %dx, i1 %c)
  ret void
}
