; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The helper of pointee-hint-of-moved-elements.ll moving elements that the caller reads as a
; double in one and as a pointer in the other (std::function objects holding a lambda that captures
; by value and one that captures by reference): the 16-byte copy's bytes are a double's in some
; elements and a pointer's in others, and no one layout moves both right. Each word is told apart
; when the reverse sweep runs (Gradient+WordsSortedAtRunTime): the forward sweep copies every
; shadow word that is neither 0 nor an adjoint (swad.sorted.words.copy), the reverse sweep moves
; back as a double each word at or above 2^52 (an adjoint) and leaves the others (a pointer's
; shadow). Before, the helper stopped at run time; before that, the
; copy was taken for a pointer's and the first element's gradient was silently 0.

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
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp)
  ret void
}

; CHECK-NOT: @swad.stop.message
; CHECK-LABEL: define internal void @augmented_grow(
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr %to, ptr %from, i64 16, i1 false)
; CHECK-NEXT: call void @swad.sorted.words.copy(ptr %"'to", ptr %"'from", i64 16)
; CHECK-LABEL: define internal void @diffe_reverse_grow(
; CHECK: memcpy.adjoint:
; CHECK: [[WORD:%[0-9]+]] = load i64, ptr [[DESTINATION:%[0-9]+]]
; CHECK-NEXT: %is.adjoint = icmp uge i64 [[WORD]], 4503599627370496
; CHECK-NEXT: [[LEFT:%[0-9]+]] = select i1 %is.adjoint, i64 0, i64 [[WORD]]
; CHECK-NEXT: store i64 [[LEFT]], ptr [[DESTINATION]]
; CHECK-NEXT: [[HELD:%[0-9]+]] = load i64, ptr [[SOURCE:%[0-9]+]]
; CHECK-NEXT: [[A:%[0-9]+]] = bitcast i64 [[HELD]] to double
; CHECK-NEXT: [[B:%[0-9]+]] = bitcast i64 [[WORD]] to double
; CHECK-NEXT: [[SUM:%[0-9]+]] = fadd double [[A]], [[B]]
; CHECK-NEXT: [[BITS:%[0-9]+]] = bitcast double [[SUM]] to i64
; CHECK-NEXT: [[KEPT:%[0-9]+]] = select i1 %is.adjoint, i64 [[BITS]], i64 [[HELD]]
; CHECK-NEXT: store i64 [[KEPT]], ptr [[SOURCE]]
