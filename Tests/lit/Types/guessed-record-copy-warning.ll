; RUN: %swad-opt %s -O0 --pre-passes '' -o /dev/null 2>&1 | FileCheck %s
; RUN: %swad-opt %s -O0 --pre-passes '' -o /dev/null 2>&1 | FileCheck %s --check-prefix=ONCE
; The records of Types/debug-declared-layout-of-copied-range.ll (`{Name id; double v; int k}`, the
; 12 bytes after the name copied at offset 32 through phis) in a module without debug info: nothing
; lays the copy out, the memory's first access (the name's pointer) is taken for it, and `v`'s
; adjoint stays behind. That guess is right for many copies nothing else tells apart (Eigen's
; expression objects, `std::function`'s storage), so it is no error; a warning says what may be lost
; and what lays such copies out (-g), once a module.

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define void @copy_recs(ptr %dst, ptr %src, i64 %n) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %d = phi ptr [ %dst, %entry ], [ %d.next, %loop ]
  %s = phi ptr [ %src, %entry ], [ %s.next, %loop ]
  %buf = getelementptr inbounds i8, ptr %d, i64 16
  store ptr %buf, ptr %d, align 8
  %s.n = getelementptr inbounds i8, ptr %s, i64 8
  %length = load i64, ptr %s.n, align 8
  %d.n = getelementptr inbounds i8, ptr %d, i64 8
  store i64 %length, ptr %d.n, align 8
  %d.v = getelementptr inbounds i8, ptr %d, i64 32
  %s.v = getelementptr inbounds i8, ptr %s, i64 32
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %d.v, ptr align 8 %s.v, i64 12, i1 false)
  %d.next = getelementptr inbounds i8, ptr %d, i64 48
  %s.next = getelementptr inbounds i8, ptr %s, i64 48
  %i.next = add i64 %i, 1
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %loop, label %done

done:
  ret void
}

define double @f(double %x) {
entry:
  %a = alloca [2 x [48 x i8]], align 8
  %b = alloca [2 x [48 x i8]], align 8
  %a.v = getelementptr inbounds i8, ptr %a, i64 32
  store double %x, ptr %a.v, align 8
  %a1.v = getelementptr inbounds i8, ptr %a, i64 80
  %twice = fmul double %x, 2.0
  store double %twice, ptr %a1.v, align 8
  call void @copy_recs(ptr %b, ptr %a, i64 2)
  %b.v = getelementptr inbounds i8, ptr %b, i64 32
  %v0 = load double, ptr %b.v, align 8
  %b1.v = getelementptr inbounds i8, ptr %b, i64 80
  %v1 = load double, ptr %b1.v, align 8
  %r = fmul double %v0, %v1
  ret double %r
}

define double @df(double %x) {
entry:
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %r
}

; CHECK: warning: in function 'copy_recs': a copy of 12 bytes of records that nothing in the module lays out (the members after a std::string, moved by a standard container) is laid out by a guess, the memory{{.}}s first access; if the guess is wrong, the derivatives of the floating-point values among those bytes are lost without an error. The module has no debug info: compile with -g, and the records{{.}} declared types lay such copies out
; ONCE-COUNT-1: a copy of 12 bytes
; ONCE-NOT: a copy of 12 bytes
