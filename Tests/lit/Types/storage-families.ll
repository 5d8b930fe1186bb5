; RUN: %swad-opt %s -O0 --pre-passes '' -S -o - | FileCheck %s
; A Swift enum's payload word, tested against zero (the case without payload) and pushed onto a
; stack whose buffer the push reallocates (`_consumeAndCreateNew`), then popped as a double from
; the buffer the next reallocation made. No double is accessed through the values the word is
; loaded from or stored to, only through another value of the same storage: the buffer and its
; reallocations are one storage (StorageFamilies), so the word is a double moved whole and carries
; its shadow. Taken for an integer, its bits were mirrored into the shadow (forward mode: the
; tangent was the primal's value; reverse mode: 0).
declare double @__enzyme_fwddiff(ptr, ...)
declare ptr @malloc(i64)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define internal ptr @"$ss22_ContiguousArrayBufferV20_consumeAndCreateNewAByxGyF4main5TokenO_Tg5"(ptr %old) {
entry:
  %new = call ptr @malloc(i64 32)
  call void @llvm.memcpy.p0.p0.i64(ptr %new, ptr %old, i64 32, i1 false)
  ret ptr %new
}

define double @f(ptr %token) {
entry:
  %word = load i64, ptr %token, align 1
  %empty = icmp eq i64 %word, 0
  br i1 %empty, label %none, label %push

push:
  %buffer = call ptr @malloc(i64 32)
  %grown = call ptr @"$ss22_ContiguousArrayBufferV20_consumeAndCreateNewAByxGyF4main5TokenO_Tg5"(ptr %buffer)
  %slot = getelementptr inbounds i8, ptr %grown, i64 16
  store i64 %word, ptr %slot, align 1
  %again = call ptr @"$ss22_ContiguousArrayBufferV20_consumeAndCreateNewAByxGyF4main5TokenO_Tg5"(ptr %grown)
  %top = getelementptr inbounds i8, ptr %again, i64 16
  %popped = load double, ptr %top, align 1
  %twice = fmul double %popped, 2.0
  ret double %twice

none:
  ret double 0.0
}

define double @tangent(ptr %token, ptr %dtoken) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %token, ptr %dtoken)
  ret double %t
}

; The shadow's word moves with the primal's.
; CHECK-LABEL: define internal {{.*}} @fwddiffef(
; CHECK: %"'word" = load i64, ptr %"'token", align 1
; CHECK: push:
; CHECK: store i64 %word, ptr %slot, align 1
; CHECK: [[CARRIED:%[0-9]+]] = select i1 %shadow.is.primal, i64 %word, i64 %"'word"
; CHECK-NEXT: store i64 [[CARRIED]], ptr %"'slot", align 1
