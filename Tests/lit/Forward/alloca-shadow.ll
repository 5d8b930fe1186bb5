; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A stack slot gets a shadow slot of the same type, zeroed before use; stores and loads of the slot
; go to the shadow too.

declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x) {
entry:
  %slot = alloca [2 x double], align 16
  %hi = getelementptr inbounds [2 x double], ptr %slot, i64 0, i64 1
  store double %x, ptr %hi, align 8
  %v = load double, ptr %hi, align 8
  %r = fmul double %v, 3.000000e+00
  ret double %r
}

define double @caller(double %x, double %dx) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx)
  ret double %t
}

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]])
; CHECK: [[SLOT:%.*]] = alloca [2 x double], align 16
; CHECK-NEXT: [[DSLOT:%.*]] = alloca [2 x double], align 16
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr {{.*}}[[DSLOT]], i8 0, i64 16, i1 false)
; CHECK: [[HI:%.*]] = getelementptr inbounds [2 x double], ptr [[SLOT]], i64 0, i64 1
; CHECK-NEXT: [[DHI:%.*]] = getelementptr inbounds [2 x double], ptr [[DSLOT]], i64 0, i64 1
; CHECK-NEXT: store double [[X]], ptr [[HI]], align 8
; CHECK-NEXT: store double [[DX]], ptr [[DHI]], align 8
; CHECK-NEXT: [[V:%.*]] = load double, ptr [[HI]], align 8
; CHECK-NEXT: [[DV:%.*]] = load double, ptr [[DHI]], align 8
; CHECK-NEXT: [[R:%.*]] = fmul double [[V]], 3.000000e+00
; CHECK-NEXT: [[DR:%.*]] = fmul contract double 3.000000e+00, [[DV]]
