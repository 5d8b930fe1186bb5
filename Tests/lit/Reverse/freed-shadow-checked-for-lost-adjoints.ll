; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A block freed by operator delete that the function did not allocate (a std::vector argument's
; storage, replaced as it grows): its shadow is released when the gradient is done, and the adjoints
; the reverse sweep leaves in it (the derivative with respect to the values it held) reach no one.
; Where the shadow is all zeros at the free, the release list gets a check, run before any block is
; released, that stops the program naming the free if the shadow then holds anything else. Here the
; loaded double's adjoint is left in the freed block's shadow: the gradient was silently 0.

; CHECK-LABEL: define internal double @augmented_drop(
; CHECK: call void @_ZdlPv(ptr %old)
; CHECK: [[SIZE:%.*]] = call i64 @malloc_usable_size(ptr [[SHADOW:%.*]])
; CHECK-NEXT: [[CLEAN:%.*]] = call i1 @swad.all.zero(ptr [[SHADOW]], i64 [[SIZE]])
; CHECK-NEXT: br i1 [[CLEAN]], label %freed.shadow.check, label %freed.shadow.checked
; CHECK: freed.shadow.check:
; CHECK-NEXT: [[TAGGED:%.*]] = getelementptr i8, ptr [[SHADOW]], i64 -1
; CHECK-NEXT: [[RECORD:%.*]] = call ptr @swad.tape.reserve(ptr @swad.release.after, i64 16)
; CHECK-NEXT: store ptr [[TAGGED]], ptr [[RECORD]]
; CHECK: store ptr @swad.freed.shadow.check,

; CHECK-LABEL: define internal void @swad.freed.shadow.check(ptr %0)
; CHECK: call i1 @swad.all.zero(
; CHECK: adjoints.left:
; CHECK: call void @abort()

declare void @_ZdlPv(ptr)
declare void @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32

define double @drop(ptr %holder) {
  %old = load ptr, ptr %holder
  %v = load double, ptr %old
  call void @_ZdlPv(ptr %old)
  store ptr null, ptr %holder
  %w = fmul double %v, %v
  ret double %w
}

define void @caller(ptr %holder, ptr %dholder) {
  %d = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @drop, i32 %d, ptr %holder, ptr %dholder)
  ret void
}
