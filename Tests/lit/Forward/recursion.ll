; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A recursive function's derivative calls itself.

declare double @__enzyme_fwddiff(ptr, ...)

; x^n = n == 0 ? 1 : x * x^(n-1)
define double @power(double %x, i32 %n) {
entry:
  %base = icmp eq i32 %n, 0
  br i1 %base, label %done, label %recurse

recurse:
  %m = sub i32 %n, 1
  %p = call double @power(double %x, i32 %m)
  %r = fmul double %x, %p
  br label %done

done:
  %v = phi double [ 1.000000e+00, %entry ], [ %r, %recurse ]
  ret double %v
}

define double @caller(double %x, double %dx, i32 %n) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @power, double %x, double %dx, i32 %n)
  ret double %t
}

; CHECK-LABEL: define internal { double, double } @fwddiffepower(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]], i32 [[N:%.*]])
; CHECK: recurse:
; CHECK: [[M:%.*]] = sub i32 [[N]], 1
; CHECK-NEXT: [[CP:%.*]] = call { double, double } @fwddiffepower(double [[X]], double [[DX]], i32 [[M]])
; CHECK-NEXT: [[P:%.*]] = extractvalue { double, double } [[CP]], 0
; CHECK-NEXT: [[DP:%.*]] = extractvalue { double, double } [[CP]], 1
; CHECK-NEXT: [[R:%.*]] = fmul double [[X]], [[P]]
; CHECK-NEXT: [[T1:%.*]] = fmul contract double [[P]], [[DX]]
; CHECK-NEXT: [[T2:%.*]] = fmul contract double [[X]], [[DP]]
; CHECK-NEXT: [[DR:%.*]] = fadd contract double [[T1]], [[T2]]
; CHECK: done:
; CHECK-NEXT: [[V:%.*]] = phi double [ 1.000000e+00, %entry ], [ [[R]], %recurse ]
; CHECK-NEXT: [[DV:%.*]] = phi double [ 0.000000e+00, %entry ], [ [[DR]], %recurse ]
; CHECK-NOT: define {{.*}}@fwddiffepower
