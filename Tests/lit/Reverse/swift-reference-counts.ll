; Swift reference counts on shadows in reverse mode (Reverse/Gradient+ReferenceCounts.swift): a
; shadow object is retained where its primal is, and where its primal is released its release is
; put on the release list as a counted record (tagged one byte below the object), run when the
; gradient is done: the reverse sweep still adds adjoints into shadows of objects the primal has
; released. An object whose release the combined gradient defers to its allocation's reverse has its
; shadow released there instead.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: %r = call ptr @swift_retain(ptr %a)
; CHECK-NEXT: call ptr @swift_retain(ptr %"'a")
; The box's release is deferred to the reverse sweep, with its shadow's.
; CHECK-NOT: call void @swift_release(ptr %box)
; CHECK: call void @swift_release(ptr %a)
; CHECK-NEXT: %counted = getelementptr i8, ptr %"'a", i64 -1
; CHECK-NEXT: %[[RECORD:[0-9]+]] = call ptr @swad.tape.reserve(ptr @swad.release.after, i64 16)
; CHECK-NEXT: store ptr %counted, ptr %[[RECORD]]
; CHECK-NEXT: %[[FUNCTION:[0-9]+]] = getelementptr i8, ptr %[[RECORD]], i64 8
; CHECK-NEXT: store ptr @swift_release, ptr %[[FUNCTION]]

; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: %[[SHADOW:[0-9]+]] = load ptr, ptr %slot3
; CHECK-NEXT: call void @swift_release(ptr %[[SHADOW]])
; CHECK-NEXT: %[[PRIMAL:[0-9]+]] = load ptr, ptr %slot4
; CHECK-NEXT: call void @swift_release(ptr %[[PRIMAL]])
; CHECK-NOT: swift_release
; CHECK: ret void

; A counted record is released every time; a record that frees a block, once.
; CHECK-LABEL: define internal void @swad.release.after.run(
; CHECK: record:
; CHECK: %shadow = load ptr
; CHECK-NEXT: %[[AT:[0-9]+]] = getelementptr i8, ptr %{{[0-9]+}}, i64 8
; CHECK-NEXT: %[[RELEASE:[a-z0-9.]+]] = load ptr, ptr %[[AT]]
; CHECK-NEXT: %[[BITS:[0-9]+]] = ptrtoint ptr %shadow to i64
; CHECK-NEXT: %[[TAG:[0-9]+]] = and i64 %[[BITS]], 1
; CHECK-NEXT: %[[TAGGED:[0-9]+]] = icmp ne i64 %[[TAG]], 0
; CHECK-NEXT: br i1 %[[TAGGED]], label %counted, label %once
; CHECK: counted:
; CHECK-NEXT: %[[OBJECT:[0-9]+]] = getelementptr i8, ptr %shadow, i64 1
; CHECK-NEXT: call void %[[RELEASE]](ptr %[[OBJECT]])
; CHECK-NEXT: br label %next
; CHECK: once:
; CHECK-NEXT: icmp eq ptr %shadow, %previous
; CHECK: next:
; CHECK-NEXT: %kept = phi ptr [ %previous, %counted ], [ %shadow, %once ], [ %shadow, %release ]

; In a loop the box's release stays where it is, and its shadow's is a counted record.
; CHECK-LABEL: define internal double @augmented_g(
; CHECK: call void @swift_release(ptr %box)
; CHECK-NEXT: %counted = getelementptr i8, ptr %"'box", i64 -1
; CHECK-NEXT: %[[RECORD:[0-9]+]] = call ptr @swad.tape.reserve(ptr @swad.release.after, i64 16)
; CHECK-NEXT: store ptr %counted, ptr %[[RECORD]]
; CHECK-LABEL: define internal void @diffe_reverse_g(
; CHECK-NOT: swift_release
; CHECK: ret void


; A constant object has no shadow and is its own: a retain of a constant row copied into our box is
; mirrored on the row itself (the box's shadow holds the reference and releases it at its end), a
; release of a reference taken out of constant memory is not.
; CHECK-LABEL: define internal double @augmented_h(
; CHECK: %r = call ptr @swift_retain(ptr %row)
; CHECK-NEXT: call ptr @swift_retain(ptr %row)
; CHECK: call void @swift_release(ptr %taken)
; CHECK-NOT: %taken
; CHECK: ret double

@metadata = external global ptr

declare ptr @swift_retain(ptr returned)
declare void @swift_release(ptr)
declare ptr @swift_allocObject(ptr, i64, i64)

; A caller's object read between a retain and a release, and a box of its own.
define double @f(ptr %a) {
entry:
  %r = call ptr @swift_retain(ptr %a)
  %p = getelementptr inbounds i8, ptr %a, i64 16
  %x = load double, ptr %p
  %box = call ptr @swift_allocObject(ptr @metadata, i64 24, i64 7)
  %q = getelementptr inbounds i8, ptr %box, i64 16
  %y = fmul double %x, %x
  store double %y, ptr %q
  %z = load double, ptr %q
  call void @swift_release(ptr %box)
  call void @swift_release(ptr %a)
  %w = fmul double %z, %x
  ret double %w
}

; A box per iteration.
define double @g(ptr %a, i64 %n) {
entry:
  %p = getelementptr inbounds i8, ptr %a, i64 16
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %s = phi double [ 0.0, %entry ], [ %s2, %loop ]
  %x = load double, ptr %p
  %box = call ptr @swift_allocObject(ptr @metadata, i64 24, i64 7)
  %q = getelementptr inbounds i8, ptr %box, i64 16
  %y = fmul double %x, %s
  store double %y, ptr %q
  %z = load double, ptr %q
  call void @swift_release(ptr %box)
  %s2 = fadd double %z, %x
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, %n
  br i1 %done, label %exit, label %loop
exit:
  ret double %s2
}

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
declare double @__enzyme_autodiff(ptr, ...)

define double @gradient_f(ptr %a, ptr %da) {
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %a, ptr %da)
  ret double %r
}

define double @gradient_g(ptr %a, ptr %da, i64 %n) {
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @g, ptr %a, ptr %da, i64 %n)
  ret double %r
}

define double @gradient_h(ptr %x, ptr %dx, ptr %table) {
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @h, ptr %x, ptr %dx, metadata !"enzyme_const", ptr %table)
  ret double %r
}
