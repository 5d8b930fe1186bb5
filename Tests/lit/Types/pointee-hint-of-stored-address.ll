; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A helper, not inlined, is handed a tuple holding the address of a `{int, int, double, double}`
; record (`emplace(piecewise_construct, …, forward_as_tuple(S{…}))`), loads the address as an
; integer (instcombine copies a tuple of references as `i64`s) and copies the record into a node it
; allocates, whose only other access is its `next` pointer. The caller never loads the address from
; the tuple, it stores it there: that store now says what the tuple's pointer points to, and the
; hint reaches the copy through the integer load. (The doubles' adjoints stayed in the node: the
; gradient was silently 0.)

declare double @__enzyme_autodiff(ptr, ...)
declare ptr @malloc(i64)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define internal ptr @make_node(ptr %args) noinline {
entry:
  %node = call ptr @malloc(i64 32)
  store ptr null, ptr %node, align 8
  %bits = load i64, ptr %args, align 8
  %value = inttoptr i64 %bits to ptr
  %payload = getelementptr inbounds i8, ptr %node, i64 8
  call void @llvm.memcpy.p0.p0.i64(ptr %payload, ptr %value, i64 24, i1 false)
  ret ptr %node
}

define double @f(ptr %p) {
entry:
  %record = alloca { i32, i32, double, double }, align 8
  %args = alloca ptr, align 8
  store i32 1, ptr %record, align 8
  %b = getelementptr inbounds i8, ptr %record, i64 4
  store i32 2, ptr %b, align 4
  %x.in = load double, ptr %p, align 8
  %x = getelementptr inbounds i8, ptr %record, i64 8
  store double %x.in, ptr %x, align 8
  %p.1 = getelementptr inbounds i8, ptr %p, i64 8
  %y.in = load double, ptr %p.1, align 8
  %y = getelementptr inbounds i8, ptr %record, i64 16
  store double %y.in, ptr %y, align 8
  store ptr %record, ptr %args, align 8
  %node = call ptr @make_node(ptr %args)
  %x.out = getelementptr inbounds i8, ptr %node, i64 16
  %u = load double, ptr %x.out, align 8
  %y.out = getelementptr inbounds i8, ptr %node, i64 24
  %v = load double, ptr %y.out, align 8
  %r = fmul double %u, %v
  ret double %r
}

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_make_node(
; The copy's reverse: the record's doubles' adjoints from the node back into the caller's record.
; CHECK: memcpy.adjoint:
; CHECK: add i64 {{%.*}}, 8
; CHECK: [[X:%.*]] = load double, ptr
; CHECK: fadd contract double {{%.*}}, [[X]]
; CHECK: add i64 {{%.*}}, 16
; CHECK: [[Y:%.*]] = load double, ptr
; CHECK: fadd contract double {{%.*}}, [[Y]]
; CHECK: ret void
