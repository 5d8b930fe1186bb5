; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; __enzyme_batch: enzyme_vector arguments give one value per lane, enzyme_scalar arguments one value
; for every lane; batch4_vs_f evaluates f once per lane and returns the four results.

declare [4 x double] @__enzyme_batch(...)

define double @f(double %x, double %a) {
entry:
  %m = fmul double %x, %a
  ret double %m
}

define [4 x double] @caller(double %x0, double %x1, double %x2, double %x3, double %a) {
entry:
  %r = call [4 x double] (...) @__enzyme_batch(ptr @f, metadata !"enzyme_width", i64 4, metadata !"enzyme_vector", double %x0, double %x1, double %x2, double %x3, metadata !"enzyme_scalar", double %a)
  ret [4 x double] %r
}

; CHECK-LABEL: define [4 x double] @caller(
; CHECK-SAME: double [[X0:%.*]], double [[X1:%.*]], double [[X2:%.*]], double [[X3:%.*]], double [[A:%.*]])
; CHECK: [[L0:%.*]] = insertvalue [4 x double] poison, double [[X0]], 0
; CHECK: [[L3:%.*]] = insertvalue [4 x double] {{%.*}}, double [[X3]], 3
; CHECK: [[R:%.*]] = call [4 x double] @batch4_vs_f([4 x double] [[L3]], double [[A]])
; CHECK: ret [4 x double] [[R]]
; CHECK-NOT: __enzyme_batch

; CHECK-LABEL: define internal [4 x double] @batch4_vs_f(
; CHECK-SAME: [4 x double] [[XS:%.*]], double [[A:%.*]])
; CHECK: [[E0:%.*]] = extractvalue [4 x double] [[XS]], 0
; CHECK: [[C0:%.*]] = call double @f(double [[E0]], double [[A]])
; CHECK: [[E1:%.*]] = extractvalue [4 x double] [[XS]], 1
; CHECK: call double @f(double [[E1]], double [[A]])
; CHECK: [[E3:%.*]] = extractvalue [4 x double] [[XS]], 3
; CHECK: [[C3:%.*]] = call double @f(double [[E3]], double [[A]])
; CHECK: [[R:%.*]] = insertvalue [4 x double] {{%.*}}, double [[C3]], 3
; CHECK: ret [4 x double] [[R]]
