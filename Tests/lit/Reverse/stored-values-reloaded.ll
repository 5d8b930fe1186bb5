; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S -o %t.ll --remarks 2>%t.remarks
; RUN: FileCheck %s --input-file %t.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file %t.remarks
; A value the forward sweep stores (`h[i] = exp(z[i])`) is loaded back from where it was stored by
; the reverse sweep instead of pushed on the tape every iteration, when nothing writes that place
; again: the store's address differs in every iteration (the counter indexes an invariant base)
; and nothing after it writes the array. Kept on the tape when the store writes one place every
; iteration, when later code writes the array, and when an outer loop runs the store again.
; CHECK-LABEL: define internal void @diffe_reverse_layer(
; CHECK:       rev.loop.body:
; CHECK:         [[H:%[0-9]+]] = getelementptr double, ptr %h, i64
; CHECK-NEXT:    [[E:%[0-9]+]] = load double, ptr [[H]], align 8
; CHECK-NOT:     swad.tape.pop
; CHECK:       rev.loop.out:

; REMARK-NOT:  layer: the tape keeps {{.*}} each time
; REMARK:      layer: loaded by the reverse sweep from where the forward sweep stored it (nothing writes there again): %e (call)
; REMARK:      same_place: the tape keeps 8 bytes each time block %loop runs ({{.*}}): %e (call)
; REMARK:      written_later: the tape keeps 8 bytes each time block %loop runs ({{.*}}): %e (call)
; REMARK:      nested: the tape keeps 8 bytes each time block %inner runs ({{.*}}): %e (call)

declare double @__enzyme_autodiff(ptr, ...)
declare double @exp(double)
@enzyme_const = external global i32

; sum_i w_i exp(z_i), with exp(z_i) kept in h: the reverse sweep reads h[i] for exp' = exp.
define double @layer(ptr %z, ptr noalias %h, ptr %w, i64 %n) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %sum = phi double [ 0.0, %entry ], [ %sum.next, %loop ]
  %pz = getelementptr double, ptr %z, i64 %i
  %zi = load double, ptr %pz
  %e = call double @exp(double %zi)
  %ph = getelementptr double, ptr %h, i64 %i
  store double %e, ptr %ph
  %pw = getelementptr double, ptr %w, i64 %i
  %wi = load double, ptr %pw
  %term = fmul double %e, %wi
  %sum.next = fadd double %sum, %term
  %i.next = add nuw nsw i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret double %sum.next
}

; Every iteration stores into h[0]: only the last value stays there.
define double @same_place(ptr %z, ptr noalias %h, ptr %w, i64 %n) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %sum = phi double [ 0.0, %entry ], [ %sum.next, %loop ]
  %pz = getelementptr double, ptr %z, i64 %i
  %zi = load double, ptr %pz
  %e = call double @exp(double %zi)
  store double %e, ptr %h
  %pw = getelementptr double, ptr %w, i64 %i
  %wi = load double, ptr %pw
  %term = fmul double %e, %wi
  %sum.next = fadd double %sum, %term
  %i.next = add nuw nsw i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret double %sum.next
}

; h is cleared after the loop.
define double @written_later(ptr %z, ptr noalias %h, ptr %w, i64 %n) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %sum = phi double [ 0.0, %entry ], [ %sum.next, %loop ]
  %pz = getelementptr double, ptr %z, i64 %i
  %zi = load double, ptr %pz
  %e = call double @exp(double %zi)
  %ph = getelementptr double, ptr %h, i64 %i
  store double %e, ptr %ph
  %pw = getelementptr double, ptr %w, i64 %i
  %wi = load double, ptr %pw
  %term = fmul double %e, %wi
  %sum.next = fadd double %sum, %term
  %i.next = add nuw nsw i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  %bytes = shl i64 %n, 3
  call void @llvm.memset.p0.i64(ptr %h, i8 0, i64 %bytes, i1 false)
  ret double %sum.next
}

; The inner loop stores h[i] again in every round of the outer loop.
define double @nested(ptr %z, ptr noalias %h, ptr %w, i64 %n) {
entry:
  br label %outer

outer:
  %r = phi i64 [ 0, %entry ], [ %r.next, %outer.latch ]
  %total = phi double [ 0.0, %entry ], [ %sum.next, %outer.latch ]
  br label %inner

inner:
  %i = phi i64 [ 0, %outer ], [ %i.next, %inner ]
  %sum = phi double [ %total, %outer ], [ %sum.next, %inner ]
  %pz = getelementptr double, ptr %z, i64 %i
  %zi = load double, ptr %pz
  %e = call double @exp(double %zi)
  %ph = getelementptr double, ptr %h, i64 %i
  store double %e, ptr %ph
  %pw = getelementptr double, ptr %w, i64 %i
  %wi = load double, ptr %pw
  %term = fmul double %e, %wi
  %sum.next = fadd double %sum, %term
  %i.next = add nuw nsw i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %outer.latch, label %inner

outer.latch:
  %r.next = add nuw nsw i64 %r, 1
  %outer.done = icmp eq i64 %r.next, 3
  br i1 %outer.done, label %exit, label %outer

exit:
  ret double %sum.next
}

define void @caller(ptr %z, ptr %dz, ptr %h, ptr %dh, ptr %w, ptr %dw, i64 %n) {
  %c = load i32, ptr @enzyme_const
  %1 = call double (ptr, ...) @__enzyme_autodiff(ptr @layer, ptr %z, ptr %dz, ptr %h, ptr %dh, ptr %w, ptr %dw, i32 %c, i64 %n)
  %2 = call double (ptr, ...) @__enzyme_autodiff(ptr @same_place, ptr %z, ptr %dz, ptr %h, ptr %dh, ptr %w, ptr %dw, i32 %c, i64 %n)
  %3 = call double (ptr, ...) @__enzyme_autodiff(ptr @written_later, ptr %z, ptr %dz, ptr %h, ptr %dh, ptr %w, ptr %dw, i32 %c, i64 %n)
  %4 = call double (ptr, ...) @__enzyme_autodiff(ptr @nested, ptr %z, ptr %dz, ptr %h, ptr %dh, ptr %w, ptr %dw, i32 %c, i64 %n)
  ret void
}
