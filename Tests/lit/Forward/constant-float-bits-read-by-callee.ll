; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A constant double (1e-30) stored as its bits (`store i64`: a Swift `[Double?]` element set to a constant, an enum's
; constant `Double` payload) into memory a helper, not inlined, reads as a double: the shadow gets
; zero, as a float constant's would. Mirrored like an integer's bits, the tangent read in the helper
; was the constant along every direction. Found by following the memory into the helper (a value this
; small is not taken for a double by its bits alone).

declare double @__enzyme_fwddiff(ptr, ...)

define internal double @first_two(ptr %a) noinline {
entry:
  %x = load double, ptr %a, align 8
  %second = getelementptr inbounds i8, ptr %a, i64 8
  %y = load double, ptr %second, align 8
  %r = fmul double %x, %y
  ret double %r
}

define double @f(double %p) {
entry:
  %a = alloca [2 x double], align 8
  store double %p, ptr %a, align 8
  %second = getelementptr inbounds i8, ptr %a, i64 8
  store i64 4158027847206421152, ptr %second, align 8
  %r = call double @first_two(ptr %a)
  ret double %r
}

define double @caller(double %p, double %dp) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %p, double %dp)
  ret double %t
}

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK: store i64 4158027847206421152, ptr [[PRIMAL:%.*]], align 8
; CHECK-NEXT: store i64 0, ptr {{%.*}}, align 8
