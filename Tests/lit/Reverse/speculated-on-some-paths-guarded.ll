; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; `double r = sqrt(x); if (x >= 0) s = r * y;`: the root is computed on every path and read on
; one. Where the test fails its adjoint is 0, and sqrt's partial 0.5 / sqrt(x) is NaN: the term is
; guarded, 0 where the adjoint is (Reverse/Gradient+SpeculatedValues.swift). A loop's accumulator,
; carried into the header's phi on the back edge and read by the exit block on the way out, is
; read on every path: its partials stay unguarded.

declare { double, double } @__enzyme_autodiff(ptr, ...)
declare double @llvm.sqrt.f64(double)

define double @f(double %x, double %y) {
entry:
  %r = call double @llvm.sqrt.f64(double %x)
  %keep = fcmp oge double %x, 0.0
  br i1 %keep, label %use, label %done

use:
  %product = fmul double %r, %y
  br label %loop

loop:
  %i = phi i64 [ 0, %use ], [ %next, %loop ]
  %s = phi double [ %product, %use ], [ %scaled, %loop ]
  %scaled = fmul double %s, %y
  %next = add i64 %i, 1
  %more = icmp ult i64 %next, 3
  br i1 %more, label %loop, label %exit

exit:
  %out = fadd double %scaled, 1.0
  br label %done

done:
  %result = phi double [ %out, %exit ], [ 0.0, %entry ]
  ret double %result
}

define void @caller(double %x, double %y) {
entry:
  call { double, double } (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, double %y)
  ret void
}

; CHECK-LABEL: define internal { double, double } @diffe_reverse_f(
; The accumulator's partials (y for s, s for y): no guard.
; CHECK: rev.loop.body:
; CHECK-NOT: fcmp oeq
; CHECK: rev.use.body:
; The product is read on every path on from its block: no guard either.
; CHECK-NOT: fcmp oeq
; CHECK: rev.entry.body:
; The root's partial, for a seed the skipped branch leaves 0.
; CHECK: [[SEED:%[0-9]+]] = load double, ptr %dr
; CHECK-NEXT: store double -0.000000e+00, ptr %dr
; CHECK: [[TERM:%[0-9]+]] = fmul contract double {{%[0-9]+}}, [[SEED]]
; CHECK-NEXT: [[ZERO:%[0-9]+]] = fcmp oeq double [[SEED]], 0.000000e+00
; CHECK-NEXT: select i1 [[ZERO]], double 0.000000e+00, double [[TERM]]
; CHECK: ret { double, double }
