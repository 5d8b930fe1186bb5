; RUN: %swad-opt %s --print-simplified | FileCheck %s
; An entry point handed its function at run time (a checking helper that takes the function to
; differentiate as a pointer): which function it reads is known only once the helper is inlined into
; its caller. The pre-AD simplification ran only on the functions the entry-point calls named, so the
; function differentiated here was read as clang left it: locals in stack slots, copies no type lays
; out (in std::map and std::unordered_map code, a run-time stop in a static executable). Every
; function is now simplified before AD when an entry point is given its function at run time.

; CHECK-LABEL: define double @square(
; CHECK-NOT: alloca
; CHECK: fmul
; CHECK: ret double

@enzyme_out = external global i32
declare double @__enzyme_autodiff(ptr, ...)

; x², its argument in a stack slot as clang -O2 -Xclang -disable-llvm-passes leaves it.
define double @square(double %x) {
  %slot = alloca double, align 8
  store double %x, ptr %slot, align 8
  %a = load double, ptr %slot, align 8
  %b = load double, ptr %slot, align 8
  %r = fmul double %a, %b
  ret double %r
}

define internal double @check(ptr %f, double %x) {
  %o = load i32, ptr @enzyme_out
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr %f, i32 %o, double %x)
  ret double %g
}

define double @caller(double %x) {
  %g = call double @check(ptr @square, double %x)
  ret double %g
}

; Another function differentiated by name, so that the functions read are not none (with none, the
; whole module is simplified anyway).
define double @twice(double %x) {
  %r = fadd double %x, %x
  ret double %r
}

define double @direct(double %x) {
  %o = load i32, ptr @enzyme_out
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @twice, i32 %o, double %x)
  ret double %g
}
