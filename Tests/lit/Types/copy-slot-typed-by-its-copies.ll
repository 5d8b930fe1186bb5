; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A swap of 16 bytes through a temporary that only copies use (`tmp = a; a = b; b = tmp`, what
; assigning a lambda to `std::map<int, std::function<…>>::operator[]` does to the function objects'
; storage): `a` holds the lambda's captured double; `b` lies in a node whose only typed accesses in
; this function are the manager and invoker pointers after the storage, and whose double a callee
; reads. The copy from the temporary into `b` was typed by the node's first access, a pointer, and
; the double's adjoint stayed in the node (silently 0). It is now typed as the copy into the
; temporary is: by `a`'s double.

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define internal double @invoke(ptr %storage) noinline {
entry:
  %held = load double, ptr %storage, align 8
  ret double %held
}

define double @f(ptr %node, double %x) {
entry:
  %a = alloca { double, i64, ptr, ptr }, align 8
  %tmp = alloca { i64, i64 }, align 8
  %handlers = getelementptr inbounds i8, ptr %node, i64 16
  %pair = load <2 x ptr>, ptr %handlers, align 8
  %a.handlers = getelementptr inbounds i8, ptr %a, i64 16
  store <2 x ptr> %pair, ptr %a.handlers, align 8
  %a.pad = getelementptr inbounds i8, ptr %a, i64 8
  store i64 0, ptr %a.pad, align 8
  %w = fmul double %x, 3.0
  store double %w, ptr %a, align 8
  call void @llvm.memcpy.p0.p0.i64(ptr %tmp, ptr %a, i64 16, i1 false)
  call void @llvm.memcpy.p0.p0.i64(ptr %a, ptr %node, i64 16, i1 false)
  call void @llvm.memcpy.p0.p0.i64(ptr %node, ptr %tmp, i64 16, i1 false)
  %held = call double @invoke(ptr %node)
  %r = fmul double %held, %x
  ret double %r
}

define double @caller(ptr %node, ptr %dnode, double %x) {
entry:
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %node, ptr %dnode, double %x)
  ret double %g
}

; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; Each of the three copies moves the double's adjoint back: into the temporary, out of the node
; into `a`, and out of the temporary into `a`'s first field.
; CHECK: memcpy.adjoint:
; CHECK: load double
; CHECK: memcpy.adjoint{{[0-9]+}}:
; CHECK: load double
; CHECK: memcpy.adjoint{{[0-9]+}}:
; CHECK: load double
; CHECK-LABEL: define
