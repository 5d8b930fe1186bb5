; RUN: %swad-opt %s --pre-passes '' --passes '' -S | FileCheck %s
; Functions whose integer parameters or results carry floats get a body taking the pieces (here a
; {float, int} packed into an i64, and a double's bits); the original becomes a wrapper inlined into
; its callers, so the derivatives see floats and follow them.

declare double @__enzyme_autodiff(ptr, ...)

define internal i64 @pack(float %a, i32 %n) noinline {
  %bits = bitcast float %a to i32
  %low = zext i32 %bits to i64
  %wide = zext i32 %n to i64
  %high = shl i64 %wide, 32
  %packed = or disjoint i64 %low, %high
  ret i64 %packed
}

define internal double @scaled(i64 %s) noinline {
  %low = trunc i64 %s to i32
  %a = bitcast i32 %low to float
  %shifted = lshr i64 %s, 32
  %high = trunc i64 %shifted to i32
  %n = sitofp i32 %high to float
  %product = fmul float %a, %n
  %wide = fpext float %product to double
  ret double %wide
}

define internal double @from_bits(i64 %b) noinline {
  %d = bitcast i64 %b to double
  ret double %d
}

; CHECK-LABEL: define double @f(
; CHECK: [[PACKED:%.*]] = call { float, i32 } @pack.unpacked(float
; CHECK: [[A:%.*]] = extractvalue { float, i32 } [[PACKED]], 0
; CHECK: [[N:%.*]] = extractvalue { float, i32 } [[PACKED]], 1
; CHECK: call double @scaled.unpacked(float [[A]], i32 [[N]])
; CHECK: call double @from_bits.unpacked(double %x)
define double @f(double %x) {
  %xf = fptrunc double %x to float
  %packed = call i64 @pack(float %xf, i32 3)
  %s = call double @scaled(i64 %packed)
  %bits = bitcast double %x to i64
  %same = call double @from_bits(i64 %bits)
  %r = fmul double %same, %s
  ret double %r
}

; CHECK-LABEL: define internal double @from_bits.unpacked(double %b.double0)
; CHECK-NEXT: ret double %b.double0
; CHECK-LABEL: define internal double @scaled.unpacked(float %s.float0, i32 %s.int4)
; CHECK-NEXT: [[N:%.*]] = sitofp i32 %s.int4 to float
; CHECK-NEXT: fmul float %s.float0, [[N]]
; CHECK-LABEL: define internal { float, i32 } @pack.unpacked(float %a, i32 %n)
; CHECK-NEXT: [[S:%.*]] = insertvalue { float, i32 } poison, float %a, 0
; CHECK-NEXT: insertvalue { float, i32 } [[S]], i32 %n, 1

; The derivatives take and return the float pieces.
; CHECK-DAG: define internal {{.*}} @diffe_reverse_scaled.unpacked(ptr %tape, double %dret, float %{{.*}}, i32 %{{.*}})
; CHECK-DAG: define internal {{.*}} @diffe_reverse_from_bits.unpacked(

define double @caller(double %x) {
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %d
}
