; A constant tree node (an indirect enum's payload word, the box's address under tag bits) stored
; into a new node of ours: the code retains the address (`inttoptr (and word, mask)`) but stores
; the word, and the new node's shadow holds the word too and releases the box when it ends. The
; two retains (one for the node, one for the code) and the release are mirrored on the box itself
; (SwiftRuntime.wordsNaming): mirroring none released the constant tree once too often, and the
; next use of it crashed.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define internal { double, double } @fwddiffewrap(
; CHECK: %r = call ptr @swift_retain(ptr %tree)
; CHECK-NEXT: call ptr @swift_retain(ptr %tree)
; CHECK-NEXT: %kept = call ptr @swift_retain(ptr %tree)
; CHECK-NEXT: call ptr @swift_retain(ptr %tree)
; CHECK: call void @swift_release(ptr %node)
; CHECK-NEXT: call void @swift_release(ptr %"'node")
; CHECK-NEXT: call void @swift_release(ptr %tree)
; CHECK-NEXT: call void @swift_release(ptr %tree)

@metadata = external global ptr

declare ptr @swift_retain(ptr returned)
declare void @swift_release(ptr)
declare ptr @swift_allocObject(ptr, i64, i64)
declare double @eval(i64, ptr)

define double @wrap(ptr %words, ptr %x) {
entry:
  %word = load i64, ptr %words
  %node = call ptr @swift_allocObject(ptr @metadata, i64 32, i64 7)
  %slot = getelementptr inbounds i8, ptr %node, i64 16
  store i64 %word, ptr %slot
  %address = and i64 %word, 4611686018427387903
  %tree = inttoptr i64 %address to ptr
  %r = call ptr @swift_retain(ptr %tree)
  %kept = call ptr @swift_retain(ptr %tree)
  %xv = load double, ptr %x
  %value = getelementptr inbounds i8, ptr %node, i64 24
  store double %xv, ptr %value
  %y = load double, ptr %value
  %z = fmul double %y, %y
  call void @swift_release(ptr %node)
  call void @swift_release(ptr %tree)
  ret double %z
}
declare double @__enzyme_fwddiff(ptr, ...)

define double @tangent_wrap(ptr %words, ptr %x, ptr %dx) {
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @wrap, metadata !"enzyme_const", ptr %words, ptr %x, ptr %dx)
  ret double %t
}
