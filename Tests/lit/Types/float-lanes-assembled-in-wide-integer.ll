; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; Two doubles' bits loaded as i64 words and assembled lane by lane in an i128 (zext, a shift by a
; whole lane, a disjoint or) that is read back as <2 x double>: Swift reads a `SIMD2<Double>?` out
; of an array's storage so. Through the i128 the derivative was 0 in both modes without an error
; (the words were copied from a [Double] as integers). The vector is built of the words as
; doubles, and their loads load doubles. A lane the assembly leaves zero is +0.0.

declare double @__enzyme_fwddiff(ptr, ...)
declare void @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32

define double @pair(ptr %x) {
  %a = load i64, ptr %x, align 8
  %q = getelementptr inbounds i8, ptr %x, i64 8
  %b = load i64, ptr %q, align 8
  %za = zext i64 %a to i128
  %zb = zext i64 %b to i128
  %hi = shl nuw i128 %zb, 64
  %bits = or disjoint i128 %hi, %za
  %v = bitcast i128 %bits to <2 x double>
  %e0 = extractelement <2 x double> %v, i64 0
  %e1 = extractelement <2 x double> %v, i64 1
  %m = fmul double %e0, %e1
  ret double %m
}

define double @upper(ptr %x) {
  %b = load i64, ptr %x, align 8
  %zb = zext i64 %b to i128
  %hi = shl nuw i128 %zb, 64
  %v = bitcast i128 %hi to <2 x double>
  %e1 = extractelement <2 x double> %v, i64 1
  %m = fmul double %e1, %e1
  ret double %m
}

define double @dpair(ptr %x, ptr %dx) {
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @pair, ptr @enzyme_dup, ptr %x, ptr %dx)
  ret double %t
}

define void @gpair(ptr %x, ptr %dx) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @pair, ptr @enzyme_dup, ptr %x, ptr %dx)
  ret void
}

define double @dupper(ptr %x, ptr %dx) {
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @upper, ptr @enzyme_dup, ptr %x, ptr %dx)
  ret double %t
}

; CHECK-LABEL: define double @pair(
; CHECK:       [[A:%[0-9]+]] = load double, ptr %x, align 8
; CHECK:       [[B:%[0-9]+]] = load double, ptr %q, align 8
; CHECK:       [[LO:%[0-9]+]] = insertelement <2 x double> zeroinitializer, double [[A]], i32 0
; CHECK-NEXT:  [[V:%[0-9]+]] = insertelement <2 x double> [[LO]], double [[B]], i32 1
; CHECK-NEXT:  %e0 = extractelement <2 x double> [[V]], i64 0
; CHECK-NOT:   i128

; CHECK-LABEL: define double @upper(
; CHECK:       [[B:%[0-9]+]] = load double, ptr %x, align 8
; CHECK-NEXT:  [[V:%[0-9]+]] = insertelement <2 x double> zeroinitializer, double [[B]], i32 1
; CHECK-NEXT:  %e1 = extractelement <2 x double> [[V]], i64 1

; The tangent loads the shadow's words as doubles, lane by lane.
; CHECK-LABEL: define internal {{.*}} @fwddiffepair(
; CHECK:       load double, ptr %"'q"
; CHECK:       insertelement <2 x double> zeroinitializer, double
; CHECK:       fmul double
; CHECK:       fadd contract double

; The adjoint goes back into the shadow's words as doubles, lane by lane.
; CHECK-LABEL: define internal void @diffe_reverse_pair(
; CHECK:       extractelement <2 x double> {{%[0-9]+}}, i32 1
; CHECK:       extractelement <2 x double> {{%[0-9]+}}, i32 0
; CHECK:       [[HI:%[0-9]+]] = fadd reassoc nsz contract double
; CHECK-NEXT:  store double [[HI]], ptr
; CHECK:       [[LO:%[0-9]+]] = fadd reassoc nsz contract double
; CHECK-NEXT:  store double [[LO]], ptr

; CHECK-LABEL: define internal {{.*}} @fwddiffeupper(
; CHECK:       insertelement <2 x double> zeroinitializer, double {{.*}}, i32 1
