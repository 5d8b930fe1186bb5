; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; Default activities when no marker is given: floating-point scalars (double and float) are active
; (their adjoints are returned, in argument order), integers constant, pointers duplicated (the
; argument after a pointer is its shadow, and the adjoint of a load through it goes there).
declare { double, float } @__enzyme_autodiff(ptr, ...)

; f(x, n, p, y) = x * p[n] * y, all arguments unmarked.
define double @f(double %x, i32 %n, ptr %p, float %y) {
entry:
  %idx = sext i32 %n to i64
  %addr = getelementptr inbounds double, ptr %p, i64 %idx
  %v = load double, ptr %addr, align 8
  %yd = fpext float %y to double
  %a = fmul double %x, %v
  %r = fmul double %a, %yd
  ret double %r
}

; Without markers: the double is active, the integer constant, the pointer duplicated (the next
; argument is its shadow), the float active.
define { double, float } @caller(double %x, i32 %n, ptr %p, ptr %dp, float %y) {
entry:
  %g = call { double, float } (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, i32 %n, ptr %p, ptr %dp, float %y)
  ret { double, float } %g
}

; CHECK-LABEL: define { double, float } @caller(
; CHECK-SAME: double [[X:%.*]], i32 [[N:%.*]], ptr [[P:%.*]], ptr [[DP:%.*]], float [[Y:%.*]])
; CHECK: [[G:%.*]] = call { double, float } @diffef(double [[X]], i32 [[N]], ptr [[P]], ptr [[DP]], float [[Y]])
; CHECK: ret { double, float } [[G]]

; CHECK-LABEL: define internal double @augmented_f(
; CHECK-SAME: double [[X:%.*]], i32 [[N:%.*]], ptr [[P:%.*]], ptr [[DP:%.*]], float [[Y:%.*]], ptr [[TAPE:%.*]])
; CHECK: [[IDX:%.*]] = sext i32 [[N]] to i64
; CHECK: getelementptr inbounds double, ptr [[P]], i64 [[IDX]]
; CHECK: [[DADDR:%.*]] = getelementptr inbounds double, ptr [[DP]], i64 [[IDX]]
; CHECK: store ptr [[DADDR]], ptr
; CHECK: ret double

; CHECK-LABEL: define internal { double, float } @diffe_reverse_f(
; CHECK-SAME: ptr [[TAPE:%.*]], double [[DRET:%.*]], double [[X:%.*]], i32 {{%.*}}, ptr {{%.*}}, ptr {{%.*}}, float {{%.*}})
; CHECK: call ptr @swad.tape.pop(ptr [[TAPE]]
; CHECK: [[A:%.*]] = load double
; CHECK: [[YD:%.*]] = load double
; CHECK: [[V:%.*]] = load double
; CHECK: [[DADDR:%.*]] = load ptr
; CHECK: [[DR:%.*]] = fadd reassoc nsz contract double {{.*}}[[DRET]]
; CHECK: [[DAC:%.*]] = fmul contract double [[YD]], [[DR]]
; CHECK: [[DA:%.*]] = fadd reassoc nsz contract double {{.*}}[[DAC]]
; CHECK: [[DYDC:%.*]] = fmul contract double [[A]], [[DR]]
; CHECK: [[DYD:%.*]] = fadd reassoc nsz contract double {{.*}}[[DYDC]]
; CHECK: [[DXC:%.*]] = fmul contract double [[V]], [[DA]]
; CHECK: [[DX:%.*]] = fadd reassoc nsz contract double {{.*}}[[DXC]]
; CHECK: [[DVC:%.*]] = fmul contract double [[X]], [[DA]]
; CHECK: [[DV:%.*]] = fadd reassoc nsz contract double {{.*}}[[DVC]]
; CHECK: [[DY:%.*]] = fptrunc double [[DYD]] to float
; CHECK: [[DYS:%.*]] = fadd reassoc nsz contract float {{.*}}[[DY]]
; CHECK: [[OLD:%.*]] = load double, ptr [[DADDR]]
; CHECK-NEXT: [[NEW:%.*]] = fadd reassoc nsz contract double [[OLD]], [[DV]]
; CHECK-NEXT: store double [[NEW]], ptr [[DADDR]]
; CHECK: [[S:%.*]] = insertvalue { double, float } poison, double [[DX]], 0
; CHECK: insertvalue { double, float } [[S]], float [[DYS]], 1
