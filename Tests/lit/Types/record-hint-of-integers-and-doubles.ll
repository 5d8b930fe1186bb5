; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A helper, not inlined, allocates a node and copies a `{int, int, double, double}` record into it
; from the address it is given (std::unordered_map::emplace moving the value into its node); the
; node's only other access is its `next` pointer at offset 0. Nothing in the helper says what the
; 24 copied bytes are, and the node's first access said "pointer": the doubles' adjoints stayed in
; the node (the gradient was silently 0). The caller's hint for the argument now lays out the
; record it built, integers beside doubles, and the reverse of the copy moves both doubles' adjoints
; back.

declare double @__enzyme_autodiff(ptr, ...)
declare ptr @malloc(i64)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define internal ptr @make_node(ptr %value) noinline {
entry:
  %node = call ptr @malloc(i64 32)
  store ptr null, ptr %node, align 8
  %payload = getelementptr inbounds i8, ptr %node, i64 8
  call void @llvm.memcpy.p0.p0.i64(ptr %payload, ptr %value, i64 24, i1 false)
  ret ptr %node
}

define double @f(ptr %p) {
entry:
  %record = alloca { i32, i32, double, double }, align 8
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
  %node = call ptr @make_node(ptr %record)
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
; The copy's reverse: the record's doubles' adjoints from the node back into the caller's record
; (the integers have none).
; CHECK: memcpy.adjoint:
; CHECK: add i64 {{%.*}}, 8
; CHECK: [[X:%.*]] = load double, ptr
; CHECK: fadd contract double {{%.*}}, [[X]]
; CHECK: add i64 {{%.*}}, 16
; CHECK: [[Y:%.*]] = load double, ptr
; CHECK: fadd contract double {{%.*}}, [[Y]]
; CHECK: ret void
