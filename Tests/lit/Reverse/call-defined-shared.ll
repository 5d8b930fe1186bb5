; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | grep -c '^define internal .*@augmented_sq\|^define internal .*@diffe_reverse_sq' | FileCheck %s --check-prefix=COUNT
; A call of a defined function with an active argument: the augmented forward sweep calls
; augmented_sq (which pushes onto the same tape), the reverse sweep calls diffe_reverse_sq in the
; opposite order with the call's adjoint and adds the returned adjoint to the argument's. The two
; calls have the same activities, so they share one augmented_sq and one diffe_reverse_sq.
declare double @__enzyme_autodiff(ptr, ...)
declare double @llvm.sin.f64(double)

define double @sq(double %a) {
entry:
  %r = fmul double %a, %a
  ret double %r
}

; f(x) = sq(x) + sq(sin x): two calls with the same activities share one derivative of sq.
define double @f(double %x) {
entry:
  %a = call double @sq(double %x)
  %s = call double @llvm.sin.f64(double %x)
  %b = call double @sq(double %s)
  %r = fadd double %a, %b
  ret double %r
}

define double @caller(double %x) {
entry:
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %g
}

; COUNT: {{^}}2{{$}}

; CHECK-LABEL: define internal double @augmented_f(
; CHECK-SAME: double [[X:%.*]], ptr [[TAPE:%.*]])
; CHECK: [[A:%.*]] = call double @augmented_sq(double [[X]], ptr [[TAPE]])
; CHECK: [[S:%.*]] = call double @llvm.sin.f64(double [[X]])
; CHECK: [[B:%.*]] = call double @augmented_sq(double [[S]], ptr [[TAPE]])
; CHECK: [[R:%.*]] = fadd double [[A]], [[B]]
; CHECK-NOT: call {{.*}}@sq(
; CHECK: ret double [[R]]

; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; CHECK-SAME: ptr [[TAPE:%.*]], double [[DRET:%.*]], double [[X:%.*]])
; The argument of the second call, sin(x), is saved; x comes back as a parameter.
; CHECK: [[SREC:%.*]] = call ptr @swad.tape.pop(ptr [[TAPE]], i64 8)
; CHECK: [[S:%.*]] = load double, ptr [[SREC]]
; The second call is reversed first, seeded with b̄ = r̄, and given its argument again.
; CHECK: [[G2:%.*]] = call { double } @diffe_reverse_sq(ptr [[TAPE]], double {{%.*}}, double [[S]])
; CHECK: [[DS:%.*]] = extractvalue { double } [[G2]], 0
; CHECK: [[COS:%.*]] = call double @llvm.cos.f64(double [[X]])
; CHECK: fmul contract double [[COS]], {{%.*}}
; CHECK: [[G1:%.*]] = call { double } @diffe_reverse_sq(ptr [[TAPE]], double {{%.*}}, double [[X]])
; CHECK: [[DA:%.*]] = extractvalue { double } [[G1]], 0
; CHECK: [[DX:%.*]] = fadd reassoc nsz contract double {{%.*}}, [[DA]]
; CHECK: insertvalue { double } poison, double [[DX]], 0

; CHECK-LABEL: define internal double @augmented_sq(
; CHECK-SAME: double [[A:%.*]], ptr [[TAPE:%.*]])
; CHECK: [[R:%.*]] = fmul double [[A]], [[A]]
; CHECK-NOT: @swad.tape.reserve
; CHECK: ret double [[R]]

; CHECK-LABEL: define internal { double } @diffe_reverse_sq(
; CHECK-SAME: ptr [[TAPE:%.*]], double [[DRET:%.*]], double [[A:%.*]])
; CHECK-NOT: @swad.tape.pop
; CHECK: fmul contract double [[A]], {{%.*}}
; CHECK: ret { double }
