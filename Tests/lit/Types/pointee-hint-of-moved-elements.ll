; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A helper, not inlined, moves a container's elements into new storage with a loop of 16-byte
; copies (a growing std::vector of std::function: each element's storage, then the manager pointer
; beside it), reaching the old elements only through the container's `begin` pointer. Nothing in
; the helper says what the copied bytes are, and the first access to that memory is the manager
; pointer's load: taken for pointers, the doubles' adjoints stayed in the new storage (the gradient
; was silently 0). The caller reads the elements through the `begin` it loads after the call: its
; accesses, one record folded to the loop's 32-byte step, say a double at 0 and a pointer at 16, and
; the reverse of the helper's copy moves the double's adjoint back.

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
  %b = load double, ptr %p.1, align 8
  %second = getelementptr inbounds i8, ptr %storage, i64 32
  store double %b, ptr %second, align 8
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
  %y = load double, ptr %begin.1, align 8
  %r = fmul double %x, %y
  ret double %r
}

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_grow(
; The copy's reverse: the double's adjoint from the new storage back into the old one's.
; CHECK: memcpy.adjoint:
; CHECK: [[MOVED:%.*]] = load double, ptr
; CHECK-NEXT: store double 0.000000e+00, ptr
; CHECK: fadd contract double {{%.*}}, [[MOVED]]
; CHECK: ret void
