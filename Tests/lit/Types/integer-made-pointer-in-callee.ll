; An integer loaded from memory is taken for a pointer, with a shadow, when it is made a pointer;
; this now follows the integer into the function it is passed to (isMadePointer in
; Types/CopiedBytes.swift). Swift's `indirect enum` keeps its children in boxes as integers
; (`ptrtoint`, `store i64`), and its evaluator loads a child as `load i64` with no type tag and
; passes it to the recursive call, which does the `inttoptr`. Before, that load was not taken for a
; pointer: it had no shadow, the recursive calls were left undifferentiated, and the gradient was
; silently 0. (The leaf's double is read by its own function: one function reading offset 16 both
; as a double and as an integer is refused.)
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; The entry mirrors the children's addresses into the shadow boxes.
; CHECK-LABEL: define internal double @augmented_f(
; CHECK: %"'ai" = ptrtoint ptr %"'a" to i64
; CHECK: store i64 %"'ai", ptr %"'left", align 8
; CHECK: %"'bi" = ptrtoint ptr %"'b" to i64
; CHECK: store i64 %"'bi", ptr %"'right", align 8
; CHECK: call double @augmented_eval(i64 %ri, i64 %"'ri", ptr %tape)

; The evaluator loads each child's shadow from the shadow box and passes it along.
; The children's words come from memory, which may hold a constant tree's own word as its shadow
; (ConstantShadows.isAddressWord): they go to the derivative that checks its shadow at run time.
; CHECK-LABEL: define internal double @augmented_eval(i64 %node, i64 %"'node", ptr %tape)
; CHECK: %"'o" = inttoptr i64 %"'node" to ptr
; CHECK: %"'lp" = getelementptr inbounds i8, ptr %"'o", i64 16
; CHECK: %l = load i64, ptr %lp, align 8
; CHECK-NEXT: %"'l" = load i64, ptr %"'lp", align 8
; CHECK: %"'rp" = getelementptr inbounds i8, ptr %"'o", i64 24
; CHECK: %r = load i64, ptr %rp, align 8
; CHECK-NEXT: %"'r" = load i64, ptr %"'rp", align 8
; CHECK-NEXT: call double @augmented_eval{{(\.[0-9]+)?}}(i64 %l, i64 %"'l", ptr %tape)
; CHECK-NEXT: call double @augmented_eval{{(\.[0-9]+)?}}(i64 %r, i64 %"'r", ptr %tape)

; CHECK-LABEL: define internal void @diffe_reverse_eval(ptr %tape, double %dret, i64 %node, i64 %"'node")
; CHECK: call void @diffe_reverse_eval{{(\.[0-9]+)?}}(ptr %tape, double %{{[0-9]+}}, i64 {{.+}}, i64 {{.+}})
; CHECK: call void @diffe_reverse_eval{{(\.[0-9]+)?}}(ptr %tape, double %{{[0-9]+}}, i64 {{.+}}, i64 {{.+}})
; CHECK: call void @diffe_reverse_leaf(

; A leaf box: kind 0 at offset 0, its value at 16.
define internal double @leaf(i64 %node) noinline {
  %o = inttoptr i64 %node to ptr
  %vp = getelementptr inbounds i8, ptr %o, i64 16
  %v = load double, ptr %vp, align 8
  ret double %v
}

; A product box: kind 1 at offset 0, its children's addresses at 16 and 24, as integers.
define internal double @eval(i64 %node) {
entry:
  %o = inttoptr i64 %node to ptr
  %kind = load i64, ptr %o, align 8
  %isLeaf = icmp eq i64 %kind, 0
  br i1 %isLeaf, label %leaf, label %product

leaf:
  %v = call double @leaf(i64 %node)
  ret double %v

product:
  %lp = getelementptr inbounds i8, ptr %o, i64 16
  %l = load i64, ptr %lp, align 8
  %rp = getelementptr inbounds i8, ptr %o, i64 24
  %r = load i64, ptr %rp, align 8
  %lv = call double @eval(i64 %l)
  %rv = call double @eval(i64 %r)
  %p = fmul double %lv, %rv
  ret double %p
}

; (x[0]) * (x[1]), built as boxes on the stack.
define double @f(ptr %x) {
  %a = alloca [3 x i64], align 8
  %b = alloca [3 x i64], align 8
  %root = alloca [4 x i64], align 8
  store i64 0, ptr %a, align 8
  %x0 = load double, ptr %x, align 8
  %av = getelementptr inbounds i8, ptr %a, i64 16
  store double %x0, ptr %av, align 8
  store i64 0, ptr %b, align 8
  %x1p = getelementptr inbounds double, ptr %x, i64 1
  %x1 = load double, ptr %x1p, align 8
  %bv = getelementptr inbounds i8, ptr %b, i64 16
  store double %x1, ptr %bv, align 8
  store i64 1, ptr %root, align 8
  %ai = ptrtoint ptr %a to i64
  %left = getelementptr inbounds i8, ptr %root, i64 16
  store i64 %ai, ptr %left, align 8
  %bi = ptrtoint ptr %b to i64
  %right = getelementptr inbounds i8, ptr %root, i64 24
  store i64 %bi, ptr %right, align 8
  %ri = ptrtoint ptr %root to i64
  %e = call double @eval(i64 %ri)
  ret double %e
}

define void @gradient(ptr %x, ptr %dx) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr @enzyme_dup, ptr %x, ptr %dx)
  ret void
}

declare void @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32
