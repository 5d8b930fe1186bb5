; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; enzyme_width 2: each duplicated argument is followed by two shadows; the derivative takes them as
; [2 x T] and returns the two tangents as [2 x double]; the function is named fwddiffe2<f>.

@enzyme_width = external global i32
@enzyme_dup = external global i32
@enzyme_const = external global i32
declare [2 x double] @__enzyme_fwddiff(ptr, ...)

define double @f(double %x, ptr %a) {
entry:
  %v = load double, ptr %a, align 8
  %r = fmul double %x, %v
  ret double %r
}

define [2 x double] @caller(double %x, double %dx0, double %dx1, ptr %a, ptr %da0, ptr %da1) {
entry:
  %w = load i32, ptr @enzyme_width
  %d = load i32, ptr @enzyme_dup
  %t = call [2 x double] (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %w, i64 2, i32 %d, double %x, double %dx0, double %dx1, i32 %d, ptr %a, ptr %da0, ptr %da1)
  ret [2 x double] %t
}

; CHECK-LABEL: define [2 x double] @caller(
; CHECK-SAME: double [[X:%.*]], double [[DX0:%.*]], double [[DX1:%.*]], ptr [[A:%.*]], ptr [[DA0:%.*]], ptr [[DA1:%.*]])
; CHECK: [[DX01:%.*]] = insertvalue [2 x double] poison, double [[DX0]], 0
; CHECK-NEXT: [[DX:%.*]] = insertvalue [2 x double] [[DX01]], double [[DX1]], 1
; CHECK-NEXT: [[DA01:%.*]] = insertvalue [2 x ptr] poison, ptr [[DA0]], 0
; CHECK-NEXT: [[DA:%.*]] = insertvalue [2 x ptr] [[DA01]], ptr [[DA1]], 1
; CHECK-NEXT: [[PAIR:%.*]] = call { double, [2 x double] } @fwddiffe2f(double [[X]], [2 x double] [[DX]], ptr [[A]], [2 x ptr] [[DA]])
; CHECK: [[T:%.*]] = extractvalue { double, [2 x double] } [[PAIR]], 1
; CHECK-NEXT: ret [2 x double] [[T]]

; CHECK-LABEL: define internal { double, [2 x double] } @fwddiffe2f(
; CHECK-SAME: double [[X:%.*]], [2 x double] [[DX:%.*]], ptr [[A:%.*]], [2 x ptr] [[DA:%.*]])
; CHECK-DAG: [[DX0:%.*]] = extractvalue [2 x double] [[DX]], 0
; CHECK-DAG: [[DX1:%.*]] = extractvalue [2 x double] [[DX]], 1
; CHECK-DAG: [[DA0:%.*]] = extractvalue [2 x ptr] [[DA]], 0
; CHECK-DAG: [[DA1:%.*]] = extractvalue [2 x ptr] [[DA]], 1
; CHECK: [[V:%.*]] = load double, ptr [[A]], align 8
; CHECK-NEXT: [[DV0:%.*]] = load double, ptr [[DA0]], align 8
; CHECK-NEXT: [[DV1:%.*]] = load double, ptr [[DA1]], align 8
; CHECK-NEXT: [[R:%.*]] = fmul double [[X]], [[V]]
; CHECK-NEXT: [[A0:%.*]] = fmul contract double [[V]], [[DX0]]
; CHECK-NEXT: [[B0:%.*]] = fmul contract double [[X]], [[DV0]]
; CHECK-NEXT: [[DR0:%.*]] = fadd contract double [[A0]], [[B0]]
; CHECK-NEXT: [[A1:%.*]] = fmul contract double [[V]], [[DX1]]
; CHECK-NEXT: [[B1:%.*]] = fmul contract double [[X]], [[DV1]]
; CHECK-NEXT: [[DR1:%.*]] = fadd contract double [[A1]], [[B1]]
; CHECK-NEXT: [[P:%.*]] = insertvalue { double, [2 x double] } poison, double [[R]], 0
; CHECK-NEXT: [[L0:%.*]] = insertvalue [2 x double] poison, double [[DR0]], 0
; CHECK-NEXT: [[L1:%.*]] = insertvalue [2 x double] [[L0]], double [[DR1]], 1
; CHECK-NEXT: insertvalue { double, [2 x double] } [[P]], [2 x double] [[L1]], 1
