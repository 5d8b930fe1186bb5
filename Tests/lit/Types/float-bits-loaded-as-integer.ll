; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; RUN: sed 's/xor i64 %bits, -9223372036854775808/shl i64 %bits, 1/' %s | not %swad-opt - --pre-passes '' -O0 -o /dev/null 2>&1 | FileCheck %s --check-prefix=SHIFTED
; A double read from memory as an integer (`memcpy` into a `uint64_t`), its sign flipped or cleared
; on the bits or its exponent replaced, and read back as a double: the derivative was lost in the
; integers without an error (the function reads the memory no other way, so nothing said it was a
; float's). The sign operations become fneg and fabs, the exponent replacement
; swad.exponent.replaced, of a double load. Bits changed otherwise (shifted) and made a float again
; are refused. An integer the load's tag says is one (a generator's state, `long`) is left alone:
; its shadow holds an integer's bits, not a float's tangent.

declare double @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32

define double @negated(ptr %x) {
  %bits = load i64, ptr %x, align 8
  %flipped = xor i64 %bits, -9223372036854775808
  %d = bitcast i64 %flipped to double
  %r = fmul double %d, 3.0
  ret double %r
}

define double @absolute(ptr %x) {
  %bits = load i64, ptr %x, align 8
  %cleared = and i64 %bits, 9223372036854775807
  %d = bitcast i64 %cleared to double
  ret double %d
}

define double @significand(ptr %x) {
  %bits = load i64, ptr %x, align 8
  %kept = and i64 %bits, 4503599627370495
  %one = or disjoint i64 %kept, 4607182418800017408
  %d = bitcast i64 %one to double
  ret double %d
}

; A uniform number in [1, 2) from a generator's state, times y: its derivative in y only.
define double @uniform(ptr %state, double %y) {
  %bits = load i64, ptr %state, align 8, !tbaa !1
  %kept = and i64 %bits, 4503599627370495
  %one = or disjoint i64 %kept, 4607182418800017408
  %u = bitcast i64 %one to double
  %r = fmul double %u, %y
  ret double %r
}

define void @df(ptr %x, ptr %dx) {
  %u = call double (ptr, ...) @__enzyme_autodiff(ptr @uniform, ptr @enzyme_dup, ptr %x, ptr %dx, double 2.0)
  %a = call double (ptr, ...) @__enzyme_autodiff(ptr @negated, ptr @enzyme_dup, ptr %x, ptr %dx)
  %b = call double (ptr, ...) @__enzyme_autodiff(ptr @absolute, ptr @enzyme_dup, ptr %x, ptr %dx)
  %c = call double (ptr, ...) @__enzyme_autodiff(ptr @significand, ptr @enzyme_dup, ptr %x, ptr %dx)
  ret void
}

; CHECK-LABEL: define double @negated(
; CHECK:       [[X:%[0-9]+]] = load double, ptr %x, align 8
; CHECK:       %d = fneg double [[X]]
; CHECK-LABEL: define double @absolute(
; CHECK:       [[Y:%[0-9]+]] = load double, ptr %x, align 8
; CHECK:       %d = call double @llvm.fabs.f64(double [[Y]])
; CHECK-LABEL: define double @significand(
; CHECK:       [[Z:%[0-9]+]] = load double, ptr %x, align 8
; CHECK:       call double @llvm.fabs.f64(double [[Z]])
; CHECK:       %d = call double @swad.exponent.replaced.f64(

; CHECK-LABEL: define double @uniform(
; CHECK:       %kept = and i64 %bits, 4503599627370495
; CHECK-NOT:   swad.exponent.replaced
; CHECK:       ret double

; The adjoint of -3x reaches x's shadow.
; CHECK-LABEL: define internal {{.*}} @diffe_reverse_negated(
; CHECK:       fmul contract double 3.000000e+00,
; CHECK:       fneg double
; CHECK:       store double
; CHECK:       ret
; SHIFTED: error: in function 'negated': memory with a derivative is loaded as an integer here and its bits are made a float again

!0 = !{!"Simple C/C++ TBAA"}
!2 = !{!"omnipotent char", !0, i64 0}
!3 = !{!"long", !2, i64 0}
!1 = !{!3, !3, i64 0}
