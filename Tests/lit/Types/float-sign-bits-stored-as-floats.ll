; Unoptimized Eigen negates a dynamic-size vector (`-v`, `u = -u` in place) and takes its absolute
; value (`cwiseAbs()`) packet by packet on the packets' bits: loaded as <2 x i64>, changed with a
; sign mask and stored as integers into memory that is read back as doubles later. A sign flipped
; or cleared between such a load and store becomes `fneg` or `llvm.fabs` of the doubles, stored as
; doubles (Types/FloatCarriers.swift, signOperationsStoredAsFloats); through the integers the
; derivative was lost without an error. A scalar i64 masked so (a hash, a count) stays as it is.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define void @negated(
; CHECK: [[N:%[0-9]+]] = fneg <2 x double>
; CHECK: store <2 x double> [[N]], ptr %out
; CHECK-LABEL: define void @negated_in_place(
; CHECK: [[M:%[0-9]+]] = fneg <2 x double>
; CHECK: store <2 x double> [[M]], ptr %x
; CHECK-LABEL: define void @absolute(
; CHECK: [[A:%[0-9]+]] = call <2 x double> @llvm.fabs.v2f64(
; CHECK: store <2 x double> [[A]], ptr %out
; CHECK-LABEL: define void @hash(
; CHECK: and i64 %bits, 9223372036854775807
; CHECK: store i64

; The derivative of out[0] = -x[0] is -1.
; CHECK-LABEL: define internal {{.*}} @diffe_reverse_negated(
; CHECK: fneg <2 x double>

declare void @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32

define void @negated(ptr %x, ptr %out) {
  %bits = load <2 x i64>, ptr %x, align 16
  %flip = xor <2 x i64> %bits, splat (i64 -9223372036854775808)
  store <2 x i64> %flip, ptr %out, align 16
  ret void
}

define void @negated_in_place(ptr %x) {
  %bits = load <2 x i64>, ptr %x, align 16
  %flip = xor <2 x i64> %bits, splat (i64 -9223372036854775808)
  store <2 x i64> %flip, ptr %x, align 16
  ret void
}

define void @absolute(ptr %x, ptr %out) {
  %bits = load <2 x i64>, ptr %x, align 16
  %clear = and <2 x i64> %bits, splat (i64 9223372036854775807)
  store <2 x i64> %clear, ptr %out, align 16
  ret void
}

define void @hash(ptr %x, ptr %out) {
  %bits = load i64, ptr %x, align 8
  %clear = and i64 %bits, 9223372036854775807
  store i64 %clear, ptr %out, align 8
  ret void
}

define void @df(ptr %x, ptr %dx, ptr %out, ptr %dout) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @negated, ptr @enzyme_dup, ptr %x, ptr %dx, ptr @enzyme_dup, ptr %out, ptr %dout)
  call void (ptr, ...) @__enzyme_autodiff(ptr @negated_in_place, ptr @enzyme_dup, ptr %x, ptr %dx)
  call void (ptr, ...) @__enzyme_autodiff(ptr @absolute, ptr @enzyme_dup, ptr %x, ptr %dx, ptr @enzyme_dup, ptr %out, ptr %dout)
  call void (ptr, ...) @__enzyme_autodiff(ptr @hash, ptr @enzyme_dup, ptr %x, ptr %dx, ptr @enzyme_dup, ptr %out, ptr %dout)
  ret void
}
