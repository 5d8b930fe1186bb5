; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Records `{int id; const double *src; double gain}` moved by one memmove of run-time length: in
; @grow the new storage is indexed by the record (`getelementptr %Channel, ptr %new, i64 %n`, a
; std::vector relocating as it grows), in @shift the destination is declared a record one past
; the source (`std::move_backward` in an insertion sort, by an index nothing folds). The
; function's accesses to the memory at offsets nothing pins say pointers and doubles both, and the
; copy was typed by the memory's first access, a pointer: the gains' adjoints stayed where they
; were copied to (silently 0). A copy of run-time length whose side starts where a record starts
; is laid out as that record, repeating: the reverse of the copy moves back each record's double,
; and not its pointer's bytes.

%Channel = type { i32, ptr, double }

declare double @__enzyme_autodiff(ptr, ...)
declare ptr @malloc(i64)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)

define double @grow(ptr %p, i64 %n) {
entry:
  %old = call ptr @malloc(i64 24)
  %gain = load double, ptr %p, align 8
  %old.src = getelementptr inbounds i8, ptr %old, i64 8
  store ptr %p, ptr %old.src, align 8
  %old.gain = getelementptr inbounds i8, ptr %old, i64 16
  store double %gain, ptr %old.gain, align 8
  %bytes = mul i64 %n, 24
  %new = call ptr @malloc(i64 96)
  call void @llvm.memmove.p0.p0.i64(ptr %new, ptr %old, i64 %bytes, i1 false)
  %end = getelementptr inbounds %Channel, ptr %new, i64 %n
  %end.src = getelementptr inbounds i8, ptr %end, i64 8
  store ptr %p, ptr %end.src, align 8
  %new.gain = getelementptr inbounds i8, ptr %new, i64 16
  %g = load double, ptr %new.gain, align 8
  %new.src = getelementptr inbounds i8, ptr %new, i64 8
  %s = load ptr, ptr %new.src, align 8
  %x = load double, ptr %s, align 8
  %r = fmul double %g, %x
  ret double %r
}

define double @shift(ptr %p, i64 %bytes, i64 %k) {
entry:
  %records = call ptr @malloc(i64 96)
  %gain = load double, ptr %p, align 8
  %first.src = getelementptr inbounds i8, ptr %records, i64 8
  store ptr %p, ptr %first.src, align 8
  %first.gain = getelementptr inbounds i8, ptr %records, i64 16
  store double %gain, ptr %first.gain, align 8
  %base = getelementptr inbounds i8, ptr %records, i64 24
  %next = getelementptr inbounds %Channel, ptr %base, i64 %k
  call void @llvm.memmove.p0.p0.i64(ptr %next, ptr %records, i64 %bytes, i1 false)
  %next.gain = getelementptr inbounds i8, ptr %records, i64 40
  %g = load double, ptr %next.gain, align 8
  %next.src = getelementptr inbounds i8, ptr %records, i64 32
  %s = load ptr, ptr %next.src, align 8
  %x = load double, ptr %s, align 8
  %r = fmul double %g, %x
  ret double %r
}

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @grow, ptr %p, ptr %dp, i64 1)
  call double (ptr, ...) @__enzyme_autodiff(ptr @shift, ptr %p, ptr %dp, i64 24, i64 0)
  ret void
}

; The reverse of each copy steps through it by whole records and moves back the double at 16.
; CHECK-LABEL: define internal void @diffe_reverse_grow(
; CHECK: memcpy.adjoint:
; CHECK: mul i64 {{%.*}}, 24
; CHECK: add i64 {{%.*}}, 16
; CHECK: load double
; CHECK: fadd contract double
; CHECK-LABEL: define internal void @diffe_reverse_shift(
; CHECK: memcpy.adjoint:
; CHECK: mul i64 {{%.*}}, 24
; CHECK: add i64 {{%.*}}, 16
; CHECK: load double
; CHECK: fadd contract double
