; RUN: %swad-opt %s --passes instcombine --pre-passes '' -S | FileCheck %s
; A batched call whose C prototype returns a struct of 4 doubles: clang returns it through a hidden
; sret pointer, the first IR argument. The 4 tangents are stored there, lane i in field i.
; (instcombine folds the repacking of the result, keeping the derivative function out of line.)

%struct.D4 = type { [4 x double] }

@enzyme_width = external global i32
@enzyme_dup = external global i32
@enzyme_const = external global i32
declare void @__enzyme_fwddiff(ptr sret(%struct.D4), ptr, ...)

define double @scale(ptr %a, double %k) {
entry:
  %v = load double, ptr %a, align 8
  %r = fmul double %v, %k
  ret double %r
}

define void @caller(ptr sret(%struct.D4) %out, ptr %a, ptr %d0, ptr %d1, ptr %d2, ptr %d3, double %k) {
entry:
  %w = load i32, ptr @enzyme_width, align 4
  %d = load i32, ptr @enzyme_dup, align 4
  %c = load i32, ptr @enzyme_const, align 4
  call void (ptr, ptr, ...) @__enzyme_fwddiff(ptr sret(%struct.D4) %out, ptr @scale, i32 %w, i32 4, i32 %d, ptr %a, ptr %d0, ptr %d1, ptr %d2, ptr %d3, i32 %c, double %k)
  ret void
}

; CHECK-LABEL: define void @caller(
; CHECK-SAME: ptr {{.*}}[[OUT:%.*]], ptr [[A:%.*]], ptr [[D0:%.*]], ptr [[D1:%.*]], ptr [[D2:%.*]], ptr [[D3:%.*]], double [[K:%.*]])
; CHECK: [[S0:%.*]] = insertvalue [4 x ptr] poison, ptr [[D0]], 0
; CHECK-NEXT: [[S1:%.*]] = insertvalue [4 x ptr] [[S0]], ptr [[D1]], 1
; CHECK-NEXT: [[S2:%.*]] = insertvalue [4 x ptr] [[S1]], ptr [[D2]], 2
; CHECK-NEXT: [[S3:%.*]] = insertvalue [4 x ptr] [[S2]], ptr [[D3]], 3
; CHECK-NEXT: [[R:%.*]] = call { double, [4 x double] } @fwddiffe4scale(ptr [[A]], [4 x ptr] [[S3]], double [[K]])
; CHECK-NEXT: [[T:%.*]] = extractvalue { double, [4 x double] } [[R]], 1
; CHECK-NEXT: [[T0:%.*]] = extractvalue [4 x double] [[T]], 0
; CHECK-NEXT: store double [[T0]], ptr [[OUT]], align 8
; CHECK-NEXT: [[P1:%.*]] = getelementptr inbounds nuw i8, ptr [[OUT]], i64 8
; CHECK-NEXT: [[T1:%.*]] = extractvalue [4 x double] [[T]], 1
; CHECK-NEXT: store double [[T1]], ptr [[P1]], align 8
; CHECK-NEXT: [[P2:%.*]] = getelementptr inbounds nuw i8, ptr [[OUT]], i64 16
; CHECK-NEXT: [[T2:%.*]] = extractvalue [4 x double] [[T]], 2
; CHECK-NEXT: store double [[T2]], ptr [[P2]], align 8
; CHECK-NEXT: [[P3:%.*]] = getelementptr inbounds nuw i8, ptr [[OUT]], i64 24
; CHECK-NEXT: [[T3:%.*]] = extractvalue [4 x double] [[T]], 3
; CHECK-NEXT: store double [[T3]], ptr [[P3]], align 8
; CHECK-NEXT: ret void

; CHECK-LABEL: define internal { double, [4 x double] } @fwddiffe4scale(
; CHECK-SAME: ptr [[A:%.*]], [4 x ptr] [[DA:%.*]], double [[K:%.*]])
