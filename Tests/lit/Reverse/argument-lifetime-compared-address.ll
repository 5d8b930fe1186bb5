; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S -o %t.ll --remarks 2>%t.remarks
; RUN: FileCheck %s --input-file %t.remarks
; A function given to an entry point is also handed, by address, to code that is never
; differentiated and that compares the address with it before calling it (what a dispatch of
; indirect calls does). A comparison calls nothing and lets the address go nowhere, so the only
; calls that can run the derivative are the entry point's, which pass the user's memory: the
; argument outlives the forward sweep, and the reverse sweep loads x[i] again instead of saving
; it once per iteration (`ArgumentLifetimes`).
declare double @__enzyme_autodiff(ptr, ...)
declare double @llvm.sin.f64(double)
@enzyme_const = external global i32

define double @sum_sin(ptr %x, i64 %n) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi double [ 0.0, %entry ], [ %acc.next, %loop ]
  %p = getelementptr double, ptr %x, i64 %i
  %v = load double, ptr %p
  %s = call double @llvm.sin.f64(double %v)
  %acc.next = fadd double %acc, %s
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret double %acc.next
}

; Never differentiated: calls through the pointer it is given, after comparing it with @sum_sin.
define double @harness(ptr %f, ptr %x, i64 %n) {
entry:
  %known = icmp eq ptr %f, @sum_sin
  br i1 %known, label %direct, label %indirect

direct:
  %a = call double @sum_sin(ptr %x, i64 %n)
  ret double %a

indirect:
  %b = call double %f(ptr %x, i64 %n)
  ret double %b
}

define double @caller(ptr %x, ptr %dx, i64 %n) {
entry:
  %c = load i32, ptr @enzyme_const
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @sum_sin, ptr %x, ptr %dx, i32 %c, i64 %n)
  %h = call double @harness(ptr @sum_sin, ptr %x, i64 %n)
  %r = fadd double %g, %h
  ret double %r
}

; CHECK: synthesized diffesum_sin for sum_sin
; CHECK-NOT: sum_sin: the tape keeps {{[0-9]+}} bytes each time
