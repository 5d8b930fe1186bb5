; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; copy-words-sorted-at-run-time.ll in a module that also keeps a float in memory: a word could
; then hold two floats' adjoints, which are no double, or one float's in its low half, which is no
; bigger than an integer, so its words are not moved by their size. The reverse of the copy checks
; them instead and stops at one that may hold an adjoint, naming the function and saying why.

declare double @__enzyme_autodiff(ptr, ...)
declare ptr @malloc(i64)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.assume(i1)

define internal void @grow(ptr %vec, i64 %n) noinline {
entry:
  %old = load ptr, ptr %vec, align 8
  %bytes = shl i64 %n, 6
  %new = call ptr @malloc(i64 %bytes)
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %from = phi ptr [ %old, %entry ], [ %from.next, %loop ]
  %to = phi ptr [ %new, %entry ], [ %to.next, %loop ]
  call void @llvm.memcpy.p0.p0.i64(ptr %to, ptr %from, i64 16, i1 false)
  %manager.from = getelementptr inbounds i8, ptr %from, i64 16
  %manager = load ptr, ptr %manager.from, align 8
  %manager.to = getelementptr inbounds i8, ptr %to, i64 16
  store ptr %manager, ptr %manager.to, align 8
  %from.next = getelementptr inbounds i8, ptr %from, i64 32
  %to.next = getelementptr inbounds i8, ptr %to, i64 32
  %i.next = add i64 %i, 1
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %loop, label %done

done:
  store ptr %new, ptr %vec, align 8
  ret void
}

define internal void @manage() {
entry:
  ret void
}

define double @f(ptr %p) {
entry:
  %vec = alloca ptr, align 8
  %storage = call ptr @malloc(i64 64)
  %a = load double, ptr %p, align 8
  store double %a, ptr %storage, align 8
  %manager.0 = getelementptr inbounds i8, ptr %storage, i64 16
  store ptr @manage, ptr %manager.0, align 8
  %p.1 = getelementptr inbounds i8, ptr %p, i64 8
  %second = getelementptr inbounds i8, ptr %storage, i64 32
  store ptr %p.1, ptr %second, align 8
  %manager.1 = getelementptr inbounds i8, ptr %storage, i64 48
  store ptr @manage, ptr %manager.1, align 8
  store ptr %storage, ptr %vec, align 8
  call void @grow(ptr %vec, i64 2)
  %begin = load ptr, ptr %vec, align 8
  %x = load double, ptr %begin, align 8
  %kept = getelementptr inbounds i8, ptr %begin, i64 16
  %held = load ptr, ptr %kept, align 8
  %known = icmp ne ptr %held, null
  call void @llvm.assume(i1 %known)
  %begin.1 = getelementptr inbounds i8, ptr %begin, i64 32
  %by = load ptr, ptr %begin.1, align 8
  %y = load double, ptr %by, align 8
  %r = fmul double %x, %y
  ret double %r
}

define void @caller(ptr %p, ptr %dp) {
entry:
  %scratch = alloca float, align 4
  store float 1.0, ptr %scratch, align 4
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp)
  ret void
}

; CHECK: @swad.stop.message = {{.*}}c"swad: in function 'grow': cannot differentiate in reverse mode this copy of memory that no type lays out (std::function objects moved or copied by a std::vector, the bytes of a union or a std::variant): one of its words holds an adjoint, and in a module that keeps floats other than doubles in memory a word cannot be told apart as one double, two floats or a pointer's shadow
; The forward sweep copies every shadow word and does not stop.
; CHECK-LABEL: define internal void @augmented_grow(
; CHECK-NOT: @swad.stop.message
; CHECK: call void @llvm.memcpy
; CHECK-NOT: @swad.stop.message
; CHECK: ret void
; The reverse sweep checks each destination shadow word: a float's bits in its low half
; ([2^23, 2^32)) or bits from 2^48 up stop; the others (pointers' shadows, small integers) stay.
; CHECK-LABEL: define internal void @diffe_reverse_grow(
; CHECK: memcpy.adjoint:
; CHECK: %[[WORD:[0-9]+]] = load i64, ptr
; CHECK-NEXT: %[[OFF:[0-9]+]] = sub i64 %[[WORD]], 8388608
; CHECK-NEXT: %[[LOW:[0-9]+]] = icmp ult i64 %[[OFF]], 4286578688
; CHECK-NEXT: %[[HIGH:[0-9]+]] = icmp uge i64 %[[WORD]], 281474976710656
; CHECK-NEXT: %may.hold.adjoint = or i1 %[[LOW]], %[[HIGH]]
; CHECK-NEXT: br i1 %may.hold.adjoint, label %copy.holds.adjoint, label %copy.word.checked
; CHECK: copy.holds.adjoint:
; CHECK-NEXT: call i64 @write(i32 2, ptr @swad.stop.message
; CHECK-NEXT: call void @abort()
; CHECK-NEXT: unreachable
; CHECK: copy.word.checked:
; CHECK-NOT: %is.adjoint
; CHECK: ret void
