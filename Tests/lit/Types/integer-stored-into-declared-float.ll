; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; An interpreter's instruction word that is a double in one case and an index in another (a Swift
; enum's payload shared by `.const(Int, Double)` and `.param(Int, Int)`): the `.const` case stores
; the word, loaded as an `i64`, into the registers, memory declared `double`. The word is no
; float's copy for the activity analysis (it is also an index), so it was mirrored into the shadow
; like an integer's, and the constant's bits were its own derivative (silently wrong in both modes).
; An integer stored into memory declared floating-point at those bytes now gives the shadow zero,
; and the reverse sweep clears the overwritten register's adjoint.

@enzyme_const = external global i32
@program = private constant [4 x i64] [i64 0, i64 4591870180066957722, i64 1, i64 1]

declare double @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(ptr %p, i64 %pc) {
entry:
  %r = alloca [2 x double], align 8
  store double 0.0, ptr %r, align 8
  %r.1 = getelementptr inbounds double, ptr %r, i64 1
  store double 0.0, ptr %r.1, align 8
  %x = load double, ptr %p, align 8
  %tag.at = getelementptr inbounds i64, ptr @program, i64 %pc
  %tag = load i64, ptr %tag.at, align 8
  %word.at = getelementptr inbounds i64, ptr %tag.at, i64 1
  %word = load i64, ptr %word.at, align 8
  %constant = icmp eq i64 %tag, 0
  br i1 %constant, label %const, label %param

const:
  %into = getelementptr inbounds double, ptr %r, i64 1
  store i64 %word, ptr %into, align 8
  br label %done

param:
  %at = getelementptr inbounds double, ptr %r, i64 %word
  store double %x, ptr %at, align 8
  br label %done

done:
  %v = load double, ptr %r.1, align 8
  %y = fmul double %v, %x
  ret double %y
}

define void @caller(ptr %p, ptr %dp, ptr %tp) {
entry:
  %c = load i32, ptr @enzyme_const
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp, i32 %c, i64 0)
  call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %p, ptr %tp, i32 %c, i64 0)
  ret void
}

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: const:
; CHECK: store i64 %word, ptr [[INTO:%.*]], align 8
; CHECK-NEXT: store i64 0, ptr %"'{{.*}}", align 8
; CHECK-LABEL: define internal void @diffe_reverse_f(
; The overwritten register's adjoint ends at the store.
; CHECK: rev.const.body:
; CHECK-NEXT: [[SHADOW:%.*]] = load ptr, ptr %slot{{[0-9]*}}
; CHECK-NEXT: store i64 0, ptr [[SHADOW]]
; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK: const:
; CHECK: store i64 %word, ptr
; CHECK-NEXT: store i64 0, ptr
