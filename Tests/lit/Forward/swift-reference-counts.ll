; Swift reference counts in forward mode (Forward/Forward+Calls.swift): a shadow object's count
; follows its primal's, so both end together; an object without a shadow (constant data) is its
; own, counted as SwiftRuntime.mirrorsOnPrimal says: a retain of a constant row copied into a box
; whose shadow holds it too is mirrored on the row itself, a release of a reference taken out of
; constant memory is not (the shadow never held it).
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define internal { double, double } @fwddiffeh(
; CHECK: %r = call ptr @swift_retain(ptr %row)
; CHECK-NEXT: call ptr @swift_retain(ptr %row)
; CHECK: %"'box" = call ptr @swift_allocObject(
; CHECK: call void @swift_release(ptr %taken)
; CHECK-NOT: %taken
; CHECK: call void @swift_release(ptr %box)
; CHECK-NEXT: call void @swift_release(ptr %"'box")

@metadata = external global ptr

declare ptr @swift_retain(ptr returned)
declare void @swift_release(ptr)
declare ptr @swift_allocObject(ptr, i64, i64)

; %table is constant: its row is retained and stored into a box of ours (a reference the box's
; shadow holds too), and a second row taken out of it is released.
define double @h(ptr %x, ptr %table) {
entry:
  %rowp = getelementptr inbounds i8, ptr %table, i64 32
  %row = load ptr, ptr %rowp
  %r = call ptr @swift_retain(ptr %row)
  %box = call ptr @swift_allocObject(ptr @metadata, i64 40, i64 7)
  %slot = getelementptr inbounds i8, ptr %box, i64 16
  store ptr %row, ptr %slot
  %xv = load double, ptr %x
  %d = getelementptr inbounds i8, ptr %box, i64 24
  store double %xv, ptr %d
  %takenp = getelementptr inbounds i8, ptr %table, i64 40
  %taken = load ptr, ptr %takenp
  store ptr null, ptr %takenp
  call void @swift_release(ptr %taken)
  %y = load double, ptr %d
  %z = fmul double %y, %y
  call void @swift_release(ptr %box)
  ret double %z
}
declare double @__enzyme_fwddiff(ptr, ...)

define double @tangent_h(ptr %x, ptr %dx, ptr %table) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @h, ptr %x, ptr %dx, metadata !"enzyme_const", ptr %table)
  ret double %r
}
