; The declared result of __enzyme_fwddiff may be the C ABI's coerced form of the tangent: a function
; returning { float, float } whose tangent the prototype declares as a double (Rust's #[repr(C)] struct
; of two f32). The tangent is stored to a stack slot of the entry block and reloaded as the declared type.
; RUN: %swad-opt %s -O0 -S | FileCheck %s

declare double @__enzyme_fwddiff_pair(ptr, ...)

define { float, float } @pair(float %x) {
  %sq = fmul float %x, %x
  %three = fmul float %x, 3.0
  %a = insertvalue { float, float } poison, float %sq, 0
  %b = insertvalue { float, float } %a, float %three, 1
  ret { float, float } %b
}

; CHECK-LABEL: define double @tangent(
; CHECK: [[SLOT:%.*]] = alloca double
; CHECK: call {{.*}} @fwddiffepair(float 2.0{{.*}}, float 1.0
; CHECK: store { float, float } {{.*}}, ptr [[SLOT]]
; CHECK: [[R:%.*]] = load double, ptr [[SLOT]]
; CHECK: ret double [[R]]
define double @tangent() {
  %t = call double (ptr, ...) @__enzyme_fwddiff_pair(ptr @pair, float 2.0, float 1.0)
  ret double %t
}
