; RUN: not %swad-opt %s -O0 --pre-passes '' -o /dev/null 2>&1 | FileCheck %s
; A byte loop swapping two doubles (a generic sort's `unsigned char` swap, inlined): its pointers
; are phis that start at the doubles and step a byte at a time. No adjoint can be moved back in
; pieces, so reverse mode refuses; it did not look through the phis for what the bytes are, and
; the gradient was silently wrong.
; CHECK: in function 'f': cannot differentiate in reverse mode this copy of data byte by byte that may be floating-point

declare double @__enzyme_autodiff(ptr, ...)

define double @f(ptr %p) {
entry:
  %v = alloca [2 x double], align 16
  %p0 = load double, ptr %p, align 8
  store double %p0, ptr %v, align 16
  %v.1 = getelementptr inbounds i8, ptr %v, i64 8
  %p.1 = getelementptr inbounds i8, ptr %p, i64 8
  %p1 = load double, ptr %p.1, align 8
  %three = fmul double %p1, 3.0
  store double %three, ptr %v.1, align 8
  %less = fcmp olt double %p0, %three
  br i1 %less, label %swap, label %done

swap:
  %left = phi i64 [ %next.left, %swap ], [ 8, %entry ]
  %y = phi ptr [ %y.next, %swap ], [ %v.1, %entry ]
  %x = phi ptr [ %x.next, %swap ], [ %v, %entry ]
  %next.left = add nsw i64 %left, -1
  %a = load i8, ptr %x, align 1
  %b = load i8, ptr %y, align 1
  %x.next = getelementptr inbounds i8, ptr %x, i64 1
  store i8 %b, ptr %x, align 1
  %y.next = getelementptr inbounds i8, ptr %y, i64 1
  store i8 %a, ptr %y, align 1
  %end = icmp eq i64 %next.left, 0
  br i1 %end, label %done, label %swap

done:
  %first = load double, ptr %v, align 16
  %second = load double, ptr %v.1, align 8
  %sq = fmul double %second, %second
  %r = call double @llvm.fmuladd.f64(double %first, double 2.0, double %sq)
  ret double %r
}

declare double @llvm.fmuladd.f64(double, double, double)

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp)
  ret void
}
