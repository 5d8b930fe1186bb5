; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Reverse mode through an invoke: the augmented function invokes the callee's augmented function,
; unwinding through a pad into the copy of the landing pad (primal cleanups only) and `resume`; the
; shadow of the stack slot is registered for unwinding as it is made. The reverse sweep sees only
; the normal path. The combined gradient invokes the augmented function: when it throws, the
; registered shadows and the tape are released before the exception goes on.

declare i32 @__gxx_personality_v0(...)
declare double @__enzyme_autodiff(ptr, ...)

define double @square(double %x) {
  %m = fmul double %x, %x
  ret double %m
}

define void @cleanup(ptr %p) {
  store double 0.0, ptr %p
  ret void
}

define double @f(double %x) personality ptr @__gxx_personality_v0 {
entry:
  %slot = alloca double
  store double %x, ptr %slot
  %v = load double, ptr %slot
  %y = invoke double @square(double %v) to label %ok unwind label %lpad
ok:
  ret double %y
lpad:
  %lp = landingpad { ptr, i32 } cleanup
  call void @cleanup(ptr %slot)
  resume { ptr, i32 } %lp
}

define double @caller(double %x) {
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %d
}

; CHECK-LABEL: define internal double @augmented_f(
; CHECK-SAME: personality ptr @__gxx_personality_v0
; CHECK: [[SHADOW:%.*]] = call ptr @malloc(i64 8)
; CHECK-NEXT: [[RECORD:%.*]] = call ptr @swad.tape.reserve(ptr @swad.unwind.pending, i64 16)
; CHECK-NEXT: store ptr [[SHADOW]], ptr [[RECORD]]
; CHECK: store ptr @free, ptr
; CHECK: [[Y:%.*]] = invoke double @augmented_square(double {{.*}}, ptr %tape)
; CHECK-NEXT: to label %[[CONT:.*]] unwind label %[[PAD:.*]]
; CHECK: ret double [[Y]]
; CHECK: lpad:
; CHECK-NEXT: [[LP:%.*]] = phi { ptr, i32 } [ [[PADLP:%.*]], %[[PAD]] ]
; CHECK-NEXT: call void @cleanup(ptr
; CHECK-NEXT: resume { ptr, i32 } [[LP]]
; CHECK: [[PAD]]:
; CHECK-NEXT: [[PADLP]] = landingpad { ptr, i32 }
; CHECK-NEXT: cleanup
; CHECK-NEXT: br label %lpad

; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; CHECK-NOT: landingpad
; CHECK: call { double } @diffe_reverse_square(
; CHECK-NOT: landingpad
; CHECK: ret { double }

; CHECK-LABEL: define internal { double } @diffef(
; CHECK-SAME: personality ptr @__gxx_personality_v0
; CHECK: [[MARK:%.*]] = sub i64
; CHECK: invoke double @augmented_f(double %x, ptr %tape)
; CHECK-NEXT: to label %primal.done unwind label %unwind
; CHECK: call void @swad.tape.free(ptr %tape)
; CHECK: unwind:
; CHECK-NEXT: [[LP:%.*]] = landingpad { ptr, i32 }
; CHECK-NEXT: cleanup
; CHECK-NEXT: call void @swad.unwind.release(i64 [[MARK]])
; The shadows of blocks freed before the exception, which wait for the end of the gradient, are
; released now (Runtime/Exceptions/thrown-after-vector-grew.cpp).
; CHECK-NEXT: call void @swad.release.after.run(i64 %release.mark1)
; CHECK-NEXT: call void @swad.tape.free(ptr %tape)
; CHECK-NEXT: resume { ptr, i32 } [[LP]]
