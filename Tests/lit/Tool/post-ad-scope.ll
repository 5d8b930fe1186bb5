; The post-AD default<O2> simplifies again only what is new since the pre-AD simplification
; (PostADScope). @sum_poly, which AD reads and leaves as it was and which no function simplified
; after AD could inline (it is noinline), gets only the optimization half: its loop is vectorized
; all the same, and it gets its attributes back. @poly, which AD reads too (the pre-AD inliner
; left it a call: too large for two callers), is simplified again, since @caller, which the
; pre-AD passes skipped, calls it. @first3, noinline too, is simplified again because its loop
; exits on a constant count (the simplification would unroll it fully before the vectorizers).
; @local_poly, local and not noinline, is simplified again: AD may leave a derivative its last
; caller, which LLVM's inliner then takes at any size. So one function keeps its pre-AD
; simplification.
; RUN: %swad-opt %s --remarks -S -o %t.ll 2>&1 | FileCheck %s --check-prefix=REMARK
; RUN: FileCheck %s --input-file %t.ll
; Without @caller's call of @poly, @poly is kept too, and gets back its attributes (no noinline).
; RUN: sed 's/^  %q = call double @poly(double %y)$/  %q = fadd double %y, 1.0/' %s > %t.nocall.ll
; RUN: %swad-opt %t.nocall.ll --remarks -S -o %t.nocall.out.ll 2>&1 | FileCheck %s --check-prefix=TWO
; RUN: FileCheck %s --check-prefix=TWOIR --input-file %t.nocall.out.ll
; Without the pre-AD passes, or with others, nothing was simplified as the post-AD passes would:
; the pipeline runs whole. So it does with a pipeline other than default<O2>.
; RUN: %swad-opt %s --pre-passes '' --remarks -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOPRE
; RUN: %swad-opt %s --pre-passes 'function(mem2reg)' --remarks -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOPRE
; RUN: %swad-opt %s --passes 'default<O2>,verify' --remarks -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOPRE
; RUN: %swad-opt %s -O3 --remarks -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOPRE

; REMARK: remark: post-AD passes: 1 function simplified before AD and unchanged by it got only the optimization half of default<O2>
; TWO: remark: post-AD passes: 2 functions simplified before AD and unchanged by it got only the optimization half of default<O2>
; NOPRE-NOT: post-AD passes

; CHECK-NOT:   optnone
; CHECK-NOT:   swad-keeps-pre-ad-simplification
; CHECK-LABEL: define {{.*}}double @sum_poly(
; CHECK:         fmul fast <{{[0-9]+}} x double>
; CHECK:       attributes
; CHECK-NOT:   optnone
; CHECK-NOT:   swad-keeps-pre-ad-simplification

; TWOIR:     define {{.*}}double @poly(double {{.*}}) {{.*}}#[[POLY:[0-9]+]] {
; TWOIR-NOT: attributes #[[POLY]] = { {{.*}}noinline
; TWOIR-NOT: optnone

declare void @__enzyme_autodiff(ptr, ...)

define double @sum_poly(ptr noalias %x, i64 %n) noinline {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi double [ 0.0, %entry ], [ %acc.next, %loop ]
  %p = getelementptr double, ptr %x, i64 %i
  %v = load double, ptr %p
  %sq = fmul fast double %v, %v
  %acc.next = fadd fast double %acc, %sq
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop
exit:
  %f = call double @first3(ptr %x)
  %s = fadd fast double %acc.next, %f
  %l1 = call double @local_poly(double %s)
  %l2 = call double @local_poly(double %l1)
  %r = call double @poly(double %l2)
  ret double %r
}

define double @first3(ptr %x) noinline {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi double [ 0.0, %entry ], [ %acc.next, %loop ]
  %p = getelementptr double, ptr %x, i64 %i
  %v = load double, ptr %p
  %acc.next = fadd double %acc, %v
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, 3
  br i1 %done, label %exit, label %loop
exit:
  ret double %acc.next
}

define double @caller(ptr %x, ptr %dx, i64 %n, double %y) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @sum_poly, ptr %x, ptr %dx, i64 %n)
  %primal = call double @sum_poly(ptr %x, i64 %n)
  %q = call double @poly(double %y)
  %r = fadd double %primal, %q
  ret double %r
}

define double @poly(double %x) {
  %m0 = fmul fast double 1.000000e+00, %x
  %a0 = fadd fast double %m0, 5.000000e-01
  %m1 = fmul fast double %a0, %x
  %a1 = fadd fast double %m1, 5.156250e-01
  %m2 = fmul fast double %a1, %x
  %a2 = fadd fast double %m2, 5.312500e-01
  %m3 = fmul fast double %a2, %x
  %a3 = fadd fast double %m3, 5.468750e-01
  %m4 = fmul fast double %a3, %x
  %a4 = fadd fast double %m4, 5.625000e-01
  %m5 = fmul fast double %a4, %x
  %a5 = fadd fast double %m5, 5.781250e-01
  %m6 = fmul fast double %a5, %x
  %a6 = fadd fast double %m6, 5.937500e-01
  %m7 = fmul fast double %a6, %x
  %a7 = fadd fast double %m7, 6.093750e-01
  %m8 = fmul fast double %a7, %x
  %a8 = fadd fast double %m8, 6.250000e-01
  %m9 = fmul fast double %a8, %x
  %a9 = fadd fast double %m9, 6.406250e-01
  %m10 = fmul fast double %a9, %x
  %a10 = fadd fast double %m10, 6.562500e-01
  %m11 = fmul fast double %a10, %x
  %a11 = fadd fast double %m11, 6.718750e-01
  %m12 = fmul fast double %a11, %x
  %a12 = fadd fast double %m12, 6.875000e-01
  %m13 = fmul fast double %a12, %x
  %a13 = fadd fast double %m13, 7.031250e-01
  %m14 = fmul fast double %a13, %x
  %a14 = fadd fast double %m14, 7.187500e-01
  %m15 = fmul fast double %a14, %x
  %a15 = fadd fast double %m15, 7.343750e-01
  %m16 = fmul fast double %a15, %x
  %a16 = fadd fast double %m16, 7.500000e-01
  %m17 = fmul fast double %a16, %x
  %a17 = fadd fast double %m17, 7.656250e-01
  %m18 = fmul fast double %a17, %x
  %a18 = fadd fast double %m18, 7.812500e-01
  %m19 = fmul fast double %a18, %x
  %a19 = fadd fast double %m19, 7.968750e-01
  %m20 = fmul fast double %a19, %x
  %a20 = fadd fast double %m20, 8.125000e-01
  %m21 = fmul fast double %a20, %x
  %a21 = fadd fast double %m21, 8.281250e-01
  %m22 = fmul fast double %a21, %x
  %a22 = fadd fast double %m22, 8.437500e-01
  %m23 = fmul fast double %a22, %x
  %a23 = fadd fast double %m23, 8.593750e-01
  %m24 = fmul fast double %a23, %x
  %a24 = fadd fast double %m24, 8.750000e-01
  %m25 = fmul fast double %a24, %x
  %a25 = fadd fast double %m25, 8.906250e-01
  %m26 = fmul fast double %a25, %x
  %a26 = fadd fast double %m26, 9.062500e-01
  %m27 = fmul fast double %a26, %x
  %a27 = fadd fast double %m27, 9.218750e-01
  %m28 = fmul fast double %a27, %x
  %a28 = fadd fast double %m28, 9.375000e-01
  %m29 = fmul fast double %a28, %x
  %a29 = fadd fast double %m29, 9.531250e-01
  %m30 = fmul fast double %a29, %x
  %a30 = fadd fast double %m30, 9.687500e-01
  %m31 = fmul fast double %a30, %x
  %a31 = fadd fast double %m31, 9.843750e-01
  %m32 = fmul fast double %a31, %x
  %a32 = fadd fast double %m32, 1.000000e+00
  %m33 = fmul fast double %a32, %x
  %a33 = fadd fast double %m33, 1.015625e+00
  %m34 = fmul fast double %a33, %x
  %a34 = fadd fast double %m34, 1.031250e+00
  %m35 = fmul fast double %a34, %x
  %a35 = fadd fast double %m35, 1.046875e+00
  %m36 = fmul fast double %a35, %x
  %a36 = fadd fast double %m36, 1.062500e+00
  %m37 = fmul fast double %a36, %x
  %a37 = fadd fast double %m37, 1.078125e+00
  %m38 = fmul fast double %a37, %x
  %a38 = fadd fast double %m38, 1.093750e+00
  %m39 = fmul fast double %a38, %x
  %a39 = fadd fast double %m39, 1.109375e+00
  ret double %a39
}

define internal double @local_poly(double %x) {
  %m0 = fmul fast double 1.000000e+00, %x
  %a0 = fadd fast double %m0, 5.000000e-01
  %m1 = fmul fast double %a0, %x
  %a1 = fadd fast double %m1, 5.156250e-01
  %m2 = fmul fast double %a1, %x
  %a2 = fadd fast double %m2, 5.312500e-01
  %m3 = fmul fast double %a2, %x
  %a3 = fadd fast double %m3, 5.468750e-01
  %m4 = fmul fast double %a3, %x
  %a4 = fadd fast double %m4, 5.625000e-01
  %m5 = fmul fast double %a4, %x
  %a5 = fadd fast double %m5, 5.781250e-01
  %m6 = fmul fast double %a5, %x
  %a6 = fadd fast double %m6, 5.937500e-01
  %m7 = fmul fast double %a6, %x
  %a7 = fadd fast double %m7, 6.093750e-01
  %m8 = fmul fast double %a7, %x
  %a8 = fadd fast double %m8, 6.250000e-01
  %m9 = fmul fast double %a8, %x
  %a9 = fadd fast double %m9, 6.406250e-01
  %m10 = fmul fast double %a9, %x
  %a10 = fadd fast double %m10, 6.562500e-01
  %m11 = fmul fast double %a10, %x
  %a11 = fadd fast double %m11, 6.718750e-01
  %m12 = fmul fast double %a11, %x
  %a12 = fadd fast double %m12, 6.875000e-01
  %m13 = fmul fast double %a12, %x
  %a13 = fadd fast double %m13, 7.031250e-01
  %m14 = fmul fast double %a13, %x
  %a14 = fadd fast double %m14, 7.187500e-01
  %m15 = fmul fast double %a14, %x
  %a15 = fadd fast double %m15, 7.343750e-01
  %m16 = fmul fast double %a15, %x
  %a16 = fadd fast double %m16, 7.500000e-01
  %m17 = fmul fast double %a16, %x
  %a17 = fadd fast double %m17, 7.656250e-01
  %m18 = fmul fast double %a17, %x
  %a18 = fadd fast double %m18, 7.812500e-01
  %m19 = fmul fast double %a18, %x
  %a19 = fadd fast double %m19, 7.968750e-01
  %m20 = fmul fast double %a19, %x
  %a20 = fadd fast double %m20, 8.125000e-01
  %m21 = fmul fast double %a20, %x
  %a21 = fadd fast double %m21, 8.281250e-01
  %m22 = fmul fast double %a21, %x
  %a22 = fadd fast double %m22, 8.437500e-01
  %m23 = fmul fast double %a22, %x
  %a23 = fadd fast double %m23, 8.593750e-01
  %m24 = fmul fast double %a23, %x
  %a24 = fadd fast double %m24, 8.750000e-01
  %m25 = fmul fast double %a24, %x
  %a25 = fadd fast double %m25, 8.906250e-01
  %m26 = fmul fast double %a25, %x
  %a26 = fadd fast double %m26, 9.062500e-01
  %m27 = fmul fast double %a26, %x
  %a27 = fadd fast double %m27, 9.218750e-01
  %m28 = fmul fast double %a27, %x
  %a28 = fadd fast double %m28, 9.375000e-01
  %m29 = fmul fast double %a28, %x
  %a29 = fadd fast double %m29, 9.531250e-01
  %m30 = fmul fast double %a29, %x
  %a30 = fadd fast double %m30, 9.687500e-01
  %m31 = fmul fast double %a30, %x
  %a31 = fadd fast double %m31, 9.843750e-01
  %m32 = fmul fast double %a31, %x
  %a32 = fadd fast double %m32, 1.000000e+00
  %m33 = fmul fast double %a32, %x
  %a33 = fadd fast double %m33, 1.015625e+00
  %m34 = fmul fast double %a33, %x
  %a34 = fadd fast double %m34, 1.031250e+00
  %m35 = fmul fast double %a34, %x
  %a35 = fadd fast double %m35, 1.046875e+00
  %m36 = fmul fast double %a35, %x
  %a36 = fadd fast double %m36, 1.062500e+00
  %m37 = fmul fast double %a36, %x
  %a37 = fadd fast double %m37, 1.078125e+00
  %m38 = fmul fast double %a37, %x
  %a38 = fadd fast double %m38, 1.093750e+00
  %m39 = fmul fast double %a38, %x
  %a39 = fadd fast double %m39, 1.109375e+00
  ret double %a39
}
