; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; A prototype returning a struct that C returns in memory (three doubles): clang passes a hidden
; sret pointer as the first argument of the call; the adjoints are stored there, and the sret
; pointer is not taken for the function to differentiate.
%struct.G3 = type { double, double, double }

declare void @__enzyme_autodiff(ptr sret(%struct.G3), ptr, ...)

; f(x, y, z) = x * y * z
define double @f(double %x, double %y, double %z) {
entry:
  %xy = fmul double %x, %y
  %r = fmul double %xy, %z
  ret double %r
}

; C returns a struct of three doubles in memory: clang passes the hidden sret pointer first.
define void @caller(ptr sret(%struct.G3) %out, double %x, double %y, double %z) {
entry:
  call void (ptr, ptr, ...) @__enzyme_autodiff(ptr sret(%struct.G3) %out, ptr @f, double %x, double %y, double %z)
  ret void
}

; CHECK-LABEL: define void @caller(
; CHECK-SAME: ptr {{.*}}[[OUT:%.*]], double [[X:%.*]], double [[Y:%.*]], double [[Z:%.*]])
; CHECK: [[G:%.*]] = call { double, double, double } @diffef(double [[X]], double [[Y]], double [[Z]])
; CHECK: [[G0:%.*]] = extractvalue { double, double, double } [[G]], 0
; CHECK: [[G1:%.*]] = extractvalue { double, double, double } [[G]], 1
; CHECK: [[G2:%.*]] = extractvalue { double, double, double } [[G]], 2
; CHECK: [[S0:%.*]] = insertvalue %struct.G3 poison, double [[G0]], 0
; CHECK: [[S1:%.*]] = insertvalue %struct.G3 [[S0]], double [[G1]], 1
; CHECK: [[S2:%.*]] = insertvalue %struct.G3 [[S1]], double [[G2]], 2
; CHECK: store %struct.G3 [[S2]], ptr [[OUT]]
; CHECK-NEXT: ret void

; CHECK-LABEL: define internal double @augmented_f(
; CHECK-SAME: double {{%.*}}, double {{%.*}}, double {{%.*}}, ptr {{%.*}})
; CHECK-LABEL: define internal { double, double, double } @diffe_reverse_f(
; CHECK-SAME: ptr [[TAPE:%.*]], double [[DRET:%.*]])
