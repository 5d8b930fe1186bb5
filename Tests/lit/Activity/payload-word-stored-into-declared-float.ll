; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; RUN: %swad-opt %s --pre-passes '' -O0 --print-activity | FileCheck %s --check-prefix=ACTIVITY
; An enum's payload word loaded once as an integer, used as an index in one case and stored whole
; into a [Double] in the other (an interpreter's .param(Int) and .push(Double)): those bytes are a
; double's, so the word is active (ActivityAnalysis.isStoredIntoDeclaredFloat) and carries its
; shadow's bits, the double's derivative, into the stack's shadow. It was an integer because it is
; also an index, its store a constant's bits, and the derivative through it silently 0.

%Payload = type <{ [8 x i8], [1 x i8] }>
%Double = type <{ double }>

declare double @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)
@enzyme_dup = external global i32

define double @run(ptr %op, ptr %params, ptr %stack, i64 %depth) {
entry:
  %word = load i64, ptr %op, align 8
  %tag.at = getelementptr inbounds i8, ptr %op, i64 8
  %tag = load i8, ptr %tag.at, align 8
  %is.param = icmp eq i8 %tag, 1
  br i1 %is.param, label %param, label %push

param:
  %at = getelementptr inbounds double, ptr %params, i64 %word
  %p = load double, ptr %at, align 8
  store double %p, ptr %stack, align 8
  br label %done

push:
  %slot = getelementptr inbounds %Double, ptr %stack, i64 %depth
  store i64 %word, ptr %slot, align 8
  br label %done

done:
  %top = load double, ptr %stack, align 8
  %r = fmul double %top, %top
  ret double %r
}

define void @df(ptr %op, ptr %dop, ptr %params, ptr %dparams, ptr %stack, ptr %dstack, i64 %depth) {
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @run, ptr @enzyme_dup, ptr %op, ptr %dop, ptr @enzyme_dup, ptr %params, ptr %dparams, ptr @enzyme_dup, ptr %stack, ptr %dstack, i64 %depth)
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @run, ptr @enzyme_dup, ptr %op, ptr %dop, ptr @enzyme_dup, ptr %params, ptr %dparams, ptr @enzyme_dup, ptr %stack, ptr %dstack, i64 %depth)
  ret void
}

; ACTIVITY-LABEL: activity of @run (reverse;
; ACTIVITY: active: %word = load i64, ptr %op

; The tangent stores the payload's tangent, the word read from its shadow, into the stack's.
; CHECK-LABEL: define internal {{.*}} @fwddifferun(
; CHECK:       %word = load i64, ptr %op, align 8
; CHECK-NEXT:  %"'word" = load i64, ptr %"'op", align 8
; CHECK:       push:
; CHECK:       store i64 %word, ptr %slot, align 8
; CHECK-NEXT:  store i64 %"'word", ptr %"'slot", align 8
