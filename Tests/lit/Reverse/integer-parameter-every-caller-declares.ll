; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; From `clang -O0` input nothing is tagged: `emplace_back(char, double, int)` builds the new element
; at a run-time offset in the new storage, copying the `int` from an `int&&` and the `char` from a
; `char&&`, beside the double it stores there. Those copies could lie across a double for all the
; function says, and were refused ("a copy of data 4 bytes at a time that may be floating-point",
; "byte by byte"). A copy that reads a parameter every caller passes a slot declared an integer
; (looking through callers that pass their own parameters on) moves an integer.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"

declare double @__enzyme_autodiff(ptr, ...)

define internal void @construct(ptr %to, i64 %at, ptr %c, ptr %v, ptr %k) noinline {
entry:
  %element = getelementptr inbounds i8, ptr %to, i64 %at
  %int = load i32, ptr %k, align 4
  store i32 %int, ptr %element, align 4
  %value = load double, ptr %v, align 8
  %v.at = getelementptr inbounds i8, ptr %element, i64 8
  store double %value, ptr %v.at, align 8
  %byte = load i8, ptr %c, align 1
  %c.at = getelementptr inbounds i8, ptr %element, i64 16
  store i8 %byte, ptr %c.at, align 8
  ret void
}

define internal void @emplace(ptr %to, i64 %at, ptr %c, ptr %v, ptr %k) noinline {
entry:
  call void @construct(ptr %to, i64 %at, ptr %c, ptr %v, ptr %k)
  ret void
}

define double @f(ptr %storage, ptr %x, i64 %n) {
entry:
  %c = alloca i8, align 1
  %k = alloca i32, align 4
  store i8 97, ptr %c, align 1
  %count = trunc i64 %n to i32
  store i32 %count, ptr %k, align 4
  %at = mul i64 %n, 24
  call void @emplace(ptr %storage, i64 %at, ptr %c, ptr %x, ptr %k)
  %v.at = getelementptr inbounds i8, ptr %storage, i64 8
  %v = load double, ptr %v.at, align 8
  %r = fmul double %v, %v
  ret double %r
}

define void @caller(ptr %storage, ptr %dstorage, ptr %x, ptr %dx, i64 %n) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %storage, ptr %dstorage, ptr %x, ptr %dx, i64 %n)
  ret void
}

; The character carries its shadow's byte along, as characters do; the integer, a word copy of
; memory that says nothing of its type, is followed as such copies are.
; CHECK-LABEL: define internal void @augmented_construct(
; CHECK: store i32 %int, ptr %element
; CHECK: store i8 %byte, ptr %c.at
; CHECK-NEXT: store i8 %"'byte", ptr %"'c.at"
; CHECK-LABEL: define internal void @diffe_reverse_construct(
