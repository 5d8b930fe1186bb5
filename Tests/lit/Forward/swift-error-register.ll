; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Swift's error register (`swifterror`, what the standard library's map, filter and sort(by:) take
; for their rethrowing closures) and context (`swiftself`) stay on the primal positions of the
; derivatives' parameters and arguments, in forward mode and in reverse mode's augmented functions;
; the error slot has no shadow, and reverse functions get no error register.

@enzyme_dup = external global i32
declare double @__enzyme_fwddiff(ptr, ...)
declare double @__enzyme_autodiff(ptr, ...)

define internal swiftcc double @scale(ptr swiftself %context, double %x, ptr swifterror %error) noinline {
entry:
  store ptr null, ptr %error, align 8
  %y = fmul double %x, %x
  ret double %y
}

define swiftcc double @f(double %x) {
entry:
  %error = alloca swifterror ptr, align 8
  store ptr null, ptr %error, align 8
  %y = call swiftcc double @scale(ptr swiftself null, double %x, ptr swifterror %error)
  %thrown = load ptr, ptr %error, align 8
  %ok = icmp eq ptr %thrown, null
  %z = select i1 %ok, double %y, double 0.0
  ret double %z
}

define double @caller(double %x) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double 1.0)
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  %s = fadd double %t, %g
  ret double %s
}

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-NEXT: entry:
; CHECK-NEXT: %error = alloca swifterror ptr
; CHECK-NOT: alloca
; CHECK: call { double, double } @fwddiffescale(ptr swiftself null, double %x, double %"'x", ptr swifterror %error)

; CHECK-LABEL: define internal { double, double } @fwddiffescale(
; CHECK-SAME: ptr swiftself %context, double %x, double %"'x", ptr swifterror %error)

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: %error = alloca swifterror ptr
; CHECK: call double @augmented_scale(ptr swiftself null, double %x, ptr swifterror %error, ptr %tape)

; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; CHECK: call { double } @diffe_reverse_scale(ptr %tape, double %{{.*}}, ptr poison, double %x, ptr poison)

; CHECK-LABEL: define internal double @augmented_scale(
; CHECK-SAME: ptr swiftself %context, double %x, ptr swifterror %error, ptr %tape)
