; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; `x >= 0 ? sqrt(x) * y : 0` as clang if-converts it: sqrt and the product run for every x, and a
; select discards them for a negative one. Their adjoint is then 0, and their partials NaN (sqrt's
; 0.5 / sqrt(x), the product's sqrt(x) for y): each term is guarded, 0 when the value's adjoint is.
; The sum the select feeds, used on every path, keeps its unguarded reverse.

declare { double, double } @__enzyme_autodiff(ptr, ...)
declare double @llvm.sqrt.f64(double)

define double @f(double %x, double %y) {
entry:
  %keep = fcmp oge double %x, 0.0
  %root = call double @llvm.sqrt.f64(double %x)
  %product = fmul double %root, %y
  %kept = select i1 %keep, double %product, double 0.0
  %sum = fadd double %kept, %y
  ret double %sum
}

; sqrt(x) * x + 1 contracted to a fused multiply-add that the select discards: the root's only
; reader is the discarded call, so the root is guarded too.
declare double @llvm.fmuladd.f64(double, double, double)

define double @g(double %x) {
entry:
  %keep = fcmp oge double %x, 0.0
  %root = call double @llvm.sqrt.f64(double %x)
  %fused = call double @llvm.fmuladd.f64(double %root, double %x, double 1.0)
  %kept = select i1 %keep, double %fused, double 0.0
  ret double %kept
}

define void @caller(double %x, double %y) {
entry:
  call { double, double } (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, double %y)
  call { double, double } (ptr, ...) @__enzyme_autodiff(ptr @g, double %x)
  ret void
}

; CHECK-LABEL: define internal { double, double } @diffe_reverse_f(
; The sum's partials (1 and 1): no guard.
; CHECK-NOT: fcmp oeq
; CHECK: [[SELECTED:%[0-9]+]] = select i1 {{%[0-9]+}}, double {{%[0-9]+}}, double 0.000000e+00
; The product's partials, for sqrt(x) and for y: each 0 where its seed is.
; CHECK: store double {{%[0-9]+}}, ptr %dproduct
; CHECK-NEXT: [[SEED:%[0-9]+]] = load double, ptr %dproduct
; CHECK-NEXT: store double -0.000000e+00, ptr %dproduct
; CHECK: [[DROOT:%[0-9]+]] = fmul contract double %y, [[SEED]]
; CHECK-NEXT: [[ZERO1:%[0-9]+]] = fcmp oeq double [[SEED]], 0.000000e+00
; CHECK-NEXT: select i1 [[ZERO1]], double 0.000000e+00, double [[DROOT]]
; CHECK: [[DY:%[0-9]+]] = fmul contract double {{%[0-9]+}}, [[SEED]]
; CHECK-NEXT: [[ZERO2:%[0-9]+]] = fcmp oeq double [[SEED]], 0.000000e+00
; CHECK-NEXT: select i1 [[ZERO2]], double 0.000000e+00, double [[DY]]
; sqrt's partial.
; CHECK: store double {{%[0-9]+}}, ptr %dy
; CHECK-NEXT: [[SEED3:%[0-9]+]] = load double, ptr %droot
; CHECK-NEXT: store double -0.000000e+00, ptr %droot
; CHECK: [[DX:%[0-9]+]] = fmul contract double {{%[0-9]+}}, [[SEED3]]
; CHECK-NEXT: [[ZERO3:%[0-9]+]] = fcmp oeq double [[SEED3]], 0.000000e+00
; CHECK-NEXT: select i1 [[ZERO3]], double 0.000000e+00, double [[DX]]
; CHECK: ret { double, double }

; CHECK-LABEL: define internal { double } @diffe_reverse_g(
; CHECK: store double {{%[0-9]+}}, ptr %droot
; CHECK: [[SEED:%[0-9]+]] = load double, ptr %droot
; CHECK-NEXT: store double -0.000000e+00, ptr %droot
; CHECK: [[DX:%[0-9]+]] = fmul contract double {{%[0-9]+}}, [[SEED]]
; CHECK-NEXT: [[ZERO:%[0-9]+]] = fcmp oeq double [[SEED]], 0.000000e+00
; CHECK-NEXT: select i1 [[ZERO]], double 0.000000e+00, double [[DX]]
; CHECK: ret { double }
