; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; The return value for four enzyme_out arguments: { double, double, double, double } in argument
; order, returned directly when declared so, repacked when declared as [4 x double].
declare { double, double, double, double } @__enzyme_autodiff(ptr, ...)
declare [4 x double] @__enzyme_autodiff_array(ptr, ...)

; f(a, b, c, d) = a * b + c * d
define double @f(double %a, double %b, double %c, double %d) {
entry:
  %ab = fmul double %a, %b
  %cd = fmul double %c, %d
  %r = fadd double %ab, %cd
  ret double %r
}

define { double, double, double, double } @caller(double %a, double %b, double %c, double %d) {
entry:
  %g = call { double, double, double, double } (ptr, ...) @__enzyme_autodiff(ptr @f, double %a, double %b, double %c, double %d)
  ret { double, double, double, double } %g
}

; The same adjoints, declared as an array: repacked leaf by leaf.
define [4 x double] @caller_array(double %a, double %b, double %c, double %d) {
entry:
  %g = call [4 x double] (ptr, ...) @__enzyme_autodiff_array(ptr @f, double %a, double %b, double %c, double %d)
  ret [4 x double] %g
}

; CHECK-LABEL: define { double, double, double, double } @caller(
; CHECK: [[G:%.*]] = call { double, double, double, double } @diffef(double %a, double %b, double %c, double %d)
; CHECK-NEXT: ret { double, double, double, double } [[G]]

; CHECK-LABEL: define [4 x double] @caller_array(
; CHECK: [[G:%.*]] = call { double, double, double, double } @diffef(double %a, double %b, double %c, double %d)
; CHECK-DAG: [[G0:%.*]] = extractvalue { double, double, double, double } [[G]], 0
; CHECK-DAG: [[G1:%.*]] = extractvalue { double, double, double, double } [[G]], 1
; CHECK-DAG: [[G2:%.*]] = extractvalue { double, double, double, double } [[G]], 2
; CHECK-DAG: [[G3:%.*]] = extractvalue { double, double, double, double } [[G]], 3
; CHECK: [[A0:%.*]] = insertvalue [4 x double] poison, double [[G0]], 0
; CHECK: [[A1:%.*]] = insertvalue [4 x double] [[A0]], double [[G1]], 1
; CHECK: [[A2:%.*]] = insertvalue [4 x double] [[A1]], double [[G2]], 2
; CHECK: [[A3:%.*]] = insertvalue [4 x double] [[A2]], double [[G3]], 3
; CHECK: ret [4 x double] [[A3]]

; One derivative serves both calls.
; CHECK-NOT: define internal {{.*}} @diffef.
; CHECK-LABEL: define internal double @augmented_f(
; CHECK-LABEL: define internal { double, double, double, double } @diffe_reverse_f(
; CHECK-SAME: ptr [[TAPE:%.*]], double [[DRET:%.*]])
; CHECK: [[R0:%.*]] = insertvalue { double, double, double, double } poison, double {{%.*}}, 0
; CHECK: [[R1:%.*]] = insertvalue { double, double, double, double } [[R0]], double {{%.*}}, 1
; CHECK: [[R2:%.*]] = insertvalue { double, double, double, double } [[R1]], double {{%.*}}, 2
; CHECK: [[R3:%.*]] = insertvalue { double, double, double, double } [[R2]], double {{%.*}}, 3
; CHECK: ret { double, double, double, double } [[R3]]
; CHECK-NOT: define internal {{.*}} @diffef.
