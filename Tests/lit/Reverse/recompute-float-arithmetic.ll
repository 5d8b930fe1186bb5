; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S -o %t.ll --remarks 2>%t.remarks
; RUN: FileCheck %s --input-file %t.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file %t.remarks
; Cheap floating-point arithmetic (fadd, fsub, fmul, fneg) is redone by the reverse sweep instead of
; pushed every iteration, when its operands cost no tape either (loads it can redo, inductions,
; values from before the loop, or such arithmetic): `x[i] - mu[i]` below. When an operand must be
; kept (memory written later, a libm call's result), the result is kept instead: redoing it would
; keep the operand, which costs as much.
; The reverse loop of @centered reads x[i] and mu[i] again and redoes the difference and its product by w.
; CHECK-LABEL: define internal void @diffe_reverse_centered(
; CHECK:       entry:
; CHECK-NEXT:    call ptr @swad.tape.pop(ptr %tape, i64 16)
; CHECK:       rev.loop.body:
; CHECK:         [[X:%[0-9]+]] = load double, ptr
; CHECK:         [[MU:%[0-9]+]] = load double, ptr
; CHECK-NEXT:    [[D:%[0-9]+]] = fsub double [[X]], [[MU]]
; CHECK-NEXT:    fmul double [[D]], %w
; CHECK-NOT:     swad.tape.pop
; CHECK:       rev.loop.out:

; REMARK:      centered: the tape keeps 16 bytes per call: the shadow of %mu, the shadow of %x
; REMARK-NOT:  centered: the tape keeps {{.*}} each time
; REMARK:      centered: recomputed by the reverse sweep instead of kept: {{.*}}%d (fsub), %dw (fmul)
; REMARK:      overwritten: the tape keeps 8 bytes each time block %loop runs ({{.*}}): %d (fsub)
; REMARK:      after_call: the tape keeps 16 bytes each time block %loop runs ({{.*}}): %scaled (fmul), %e (call)

declare double @__enzyme_autodiff(ptr, ...)
declare double @exp(double)
@enzyme_const = external global i32

; sum_i w * (x[i] - mu[i])^2, with x and mu never written: the difference is redone from x[i] and mu[i].
define double @centered(ptr %x, ptr %mu, double %w, i64 %n) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %sum = phi double [ 0.0, %entry ], [ %sum.next, %loop ]
  %px = getelementptr double, ptr %x, i64 %i
  %pmu = getelementptr double, ptr %mu, i64 %i
  %xi = load double, ptr %px
  %mui = load double, ptr %pmu
  %d = fsub double %xi, %mui
  %dw = fmul double %d, %w
  %term = fmul double %dw, %d
  %sum.next = fadd double %sum, %term
  %i.next = add nuw nsw i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret double %sum.next
}

; x[i] is overwritten after it is read: x[i] - mu[i] is kept.
define double @overwritten(ptr %x, ptr %mu, i64 %n) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %sum = phi double [ 0.0, %entry ], [ %sum.next, %loop ]
  %px = getelementptr double, ptr %x, i64 %i
  %pmu = getelementptr double, ptr %mu, i64 %i
  %xi = load double, ptr %px
  %mui = load double, ptr %pmu
  %d = fsub double %xi, %mui
  %square = fmul double %d, %d
  store double %square, ptr %px
  %sum.next = fadd double %sum, %square
  %i.next = add nuw nsw i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret double %sum.next
}

; exp(x[i]) must be kept (a call is not redone): exp(x[i]) * mu[i] is kept, not redone from it.
define double @after_call(ptr %x, ptr %mu, i64 %n) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %sum = phi double [ 0.0, %entry ], [ %sum.next, %loop ]
  %px = getelementptr double, ptr %x, i64 %i
  %pmu = getelementptr double, ptr %mu, i64 %i
  %xi = load double, ptr %px
  %mui = load double, ptr %pmu
  %e = call double @exp(double %xi)
  %scaled = fmul double %e, %mui
  %square = fmul double %scaled, %scaled
  %sum.next = fadd double %sum, %square
  %i.next = add nuw nsw i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret double %sum.next
}

define void @caller(ptr %x, ptr %dx, ptr %mu, ptr %dmu, i64 %n) {
  %c = load i32, ptr @enzyme_const
  %1 = call double (ptr, ...) @__enzyme_autodiff(ptr @centered, ptr %x, ptr %dx, ptr %mu, ptr %dmu, i32 %c, double 2.0, i32 %c, i64 %n)
  %2 = call double (ptr, ...) @__enzyme_autodiff(ptr @overwritten, ptr %x, ptr %dx, ptr %mu, ptr %dmu, i32 %c, i64 %n)
  %3 = call double (ptr, ...) @__enzyme_autodiff(ptr @after_call, ptr %x, ptr %dx, ptr %mu, ptr %dmu, i32 %c, i64 %n)
  ret void
}
