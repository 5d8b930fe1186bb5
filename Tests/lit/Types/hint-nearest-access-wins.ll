; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The caller stores two doubles at the start of a struct `{double data[2]; ptr manager}` and hands
; it to a manager that, asked for it, stores a pointer there (as std::function's manager answers
; "where is the functor" in the storage it is given), then to a helper, not inlined, that copies
; those 16 bytes. What the caller's own accesses say of its object outweighs what a callee does
; with whatever is passed to it: the copy moves two doubles' adjoints back. Taken for a pointer
; (the first access seen, the manager's), the adjoint stayed behind: silently 0 (a std::function
; holding a lambda that captures two doubles, pushed into a std::vector).

%struct.Any = type { [2 x double], ptr }

@operation = global i32 0

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define internal void @manage(ptr %dest, ptr %source, i32 %op) {
entry:
  %asked = icmp eq i32 %op, 1
  br i1 %asked, label %answer, label %done

answer:
  store ptr %source, ptr %dest, align 8
  br label %done

done:
  ret void
}

define internal void @move(ptr %to, ptr %from) noinline {
entry:
  call void @llvm.memcpy.p0.p0.i64(ptr %to, ptr %from, i64 16, i1 false)
  %from.manager = getelementptr inbounds i8, ptr %from, i64 16
  %manager = load ptr, ptr %from.manager, align 8
  %to.manager = getelementptr inbounds i8, ptr %to, i64 16
  store ptr %manager, ptr %to.manager, align 8
  ret void
}

define double @f(ptr %p) {
entry:
  %a = alloca %struct.Any, align 8
  %b = alloca %struct.Any, align 8
  %p0 = load double, ptr %p, align 8
  %x0 = fmul double %p0, 2.0
  store double %x0, ptr %a, align 8
  %p.1 = getelementptr inbounds i8, ptr %p, i64 8
  %p1 = load double, ptr %p.1, align 8
  %a.y = getelementptr inbounds i8, ptr %a, i64 8
  store double %p1, ptr %a.y, align 8
  %a.manager = getelementptr inbounds i8, ptr %a, i64 16
  store ptr @manage, ptr %a.manager, align 8
  %op = load i32, ptr @operation, align 4
  call void @manage(ptr %a, ptr %b, i32 %op)
  call void @move(ptr %b, ptr %a)
  %x = load double, ptr %b, align 8
  %b.y = getelementptr inbounds i8, ptr %b, i64 8
  %y = load double, ptr %b.y, align 8
  %r = fmul double %x, %y
  ret double %r
}

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_move(
; The copied bytes' adjoints, two doubles', go from the destination's shadow back to the source's.
; CHECK: memcpy.adjoint:
; CHECK: [[MOVED:%.*]] = load double, ptr
; CHECK-NEXT: store double 0.000000e+00, ptr
; CHECK-NEXT: [[OLD:%.*]] = load double, ptr {{%.*}}
; CHECK-NEXT: fadd contract double [[OLD]], [[MOVED]]
; CHECK: ret void
