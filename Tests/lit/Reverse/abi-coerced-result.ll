; The declared result of __enzyme_autodiff may be the C ABI's coerced form of the adjoints: four float
; adjoints in { double, double } (a struct of four f32 returned in two SSE registers, as Rust declares
; it), three in { double, float }, two in i64. The adjoints are stored to a stack slot of the entry block and
; reloaded as the declared type.
; RUN: %swad-opt %s -O0 -S | FileCheck %s

declare { double, double } @__enzyme_autodiff_four(ptr, ...)
declare i64 @__enzyme_autodiff_two(ptr, ...)
declare { double, float } @__enzyme_autodiff_three(ptr, ...)

define float @t(float %a, float %b, float %c) {
  %ab = fmul float %a, %b
  %r = fmul float %ab, %c
  ret float %r
}

; CHECK-LABEL: define { double, float } @three(
; CHECK: [[SLOT:%.*]] = alloca { double, float }
; CHECK: store { float, float, float } {{.*}}, ptr [[SLOT]]
; CHECK: load { double, float }, ptr [[SLOT]]
define { double, float } @three() {
  %g = call { double, float } (ptr, ...) @__enzyme_autodiff_three(ptr @t, float 1.0, float 2.0, float 3.0)
  ret { double, float } %g
}

define float @h(float %a, float %b, float %c, float %d) {
  %ab = fmul float %a, %b
  %dd = fmul float %d, %d
  %cdd = fmul float %c, %dd
  %r = fadd float %ab, %cdd
  ret float %r
}

define float @k(float %a, float %b) {
  %r = fmul float %a, %b
  ret float %r
}

; CHECK-LABEL: define { double, double } @four(
; CHECK: [[SLOT:%.*]] = alloca { double, double }
; CHECK: [[ADJ:%.*]] = call { float, float, float, float } @{{.*}}h{{.*}}(float 1.0
; CHECK: store { float, float, float, float } [[ADJ]], ptr [[SLOT]]
; CHECK: [[R:%.*]] = load { double, double }, ptr [[SLOT]]
; CHECK: ret { double, double } [[R]]
define { double, double } @four() {
  %g = call { double, double } (ptr, ...) @__enzyme_autodiff_four(ptr @h, float 1.0, float 2.0, float 3.0, float 4.0)
  ret { double, double } %g
}

; CHECK-LABEL: define i64 @two(
; CHECK: [[SLOT:%.*]] = alloca
; CHECK: store { float, float } {{.*}}, ptr [[SLOT]]
; CHECK: load i64, ptr [[SLOT]]
define i64 @two() {
  %g = call i64 (ptr, ...) @__enzyme_autodiff_two(ptr @k, float 1.0, float 2.0)
  ret i64 %g
}
