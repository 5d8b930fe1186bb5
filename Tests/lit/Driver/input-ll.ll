; A textual IR input is read as is (no compiler runs), differentiated and linked with clang.
; RUN: %swad -v %s -o %t 2>&1 | FileCheck %s --check-prefix=CMD
; RUN: %t
; CMD-NOT: swad: compile:
; CMD: swad: read and link: {{.*}}input-ll.ll
; CMD: swad: link: {{.*}}clang
; The program exits 0 when d/dx (x * sin(x)) at x = 2 is sin(2) + 2 cos(2) = 0.0770037537313969
; in reverse mode and in forward mode.

@enzyme_out = external global i32
@enzyme_dup = external global i32

define internal double @f(double %x) {
  %s = call double @sin(double %x)
  %r = fmul double %x, %s
  ret double %r
}

declare double @sin(double)
declare double @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)

define i1 @close(double %got) {
  %e = fsub double %got, 0x3FB3B6849BF21208
  %a = call double @llvm.fabs.f64(double %e)
  %ok = fcmp olt double %a, 1.0e-15
  ret i1 %ok
}

declare double @llvm.fabs.f64(double)

define i32 @main() {
  %out = load i32, ptr @enzyme_out
  %dup = load i32, ptr @enzyme_dup
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %out, double 2.0)
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %dup, double 2.0, double 1.0)
  %okg = call i1 @close(double %g)
  %okt = call i1 @close(double %t)
  %ok = and i1 %okg, %okt
  %status = select i1 %ok, i32 0, i32 1
  ret i32 %status
}
