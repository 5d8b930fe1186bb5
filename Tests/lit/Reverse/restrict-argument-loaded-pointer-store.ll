; RUN: %swad-opt %s --pre-passes '' --passes '' -o /dev/null --print-remarks 2>&1 | FileCheck %s
; A store through a pointer loaded from memory cannot write the memory of a `noalias` argument the
; function never captures (MemoryWrites.isOutOfReachOfLoadedPointers): no pointer based on the
; argument is ever stored, so the loaded one is not based on it, and `noalias` says the argument's
; memory is reached through no other pointer where either writes. The reverse sweep then loads x[i]
; again instead of keeping it. Each function squares x[i] into out[i], out loaded from *s:
;  - @through_loaded: x `noalias captures(none)`: x[i] reloaded.
;  - @x_may_alias: x without `noalias`: kept, because of the store.
;  - @x_captured: x `noalias` but without `captures(none)` (a pointer based on it may have been
;    stored, and be the one loaded): kept.
;  - @select_store: the store's pointer is a `select` of x and the loaded pointer, based on x when
;    the condition holds: a store of unknown origin, and x[i] kept.
;  - @stored_then_loaded: x `noalias captures(none)`, but the function keeps a copy of it in a stack
;    slot for a while (no capture: the copy is gone when it returns) and writes x[i] through the
;    copy it loads back: kept, and the reverse sweep reads the x[i] the forward sweep read, not the
;    0 written over it.

declare double @__enzyme_autodiff(ptr, ...)

define void @through_loaded(ptr noalias captures(none) %x, ptr noalias captures(none) %s, i64 %n) {
entry:
  %out = load ptr, ptr %s
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %x.i = getelementptr double, ptr %x, i64 %i
  %xi = load double, ptr %x.i
  %sq = fmul double %xi, %xi
  %out.i = getelementptr double, ptr %out, i64 %i
  store double %sq, ptr %out.i
  %next = add i64 %i, 1
  %more = icmp ult i64 %next, %n
  br i1 %more, label %loop, label %exit
exit:
  ret void
}

; CHECK-LABEL: remark: through_loaded: the tape keeps
; CHECK-NOT: through_loaded: kept, not loaded again
; CHECK: remark: through_loaded: reloaded by the reverse sweep instead of kept {{.*}}: {{.*}}%xi (load)

define void @x_may_alias(ptr captures(none) %x, ptr noalias captures(none) %s, i64 %n) {
entry:
  %out = load ptr, ptr %s
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %x.i = getelementptr double, ptr %x, i64 %i
  %xi = load double, ptr %x.i
  %sq = fmul double %xi, %xi
  %out.i = getelementptr double, ptr %out, i64 %i
  store double %sq, ptr %out.i
  %next = add i64 %i, 1
  %more = icmp ult i64 %next, %n
  br i1 %more, label %loop, label %exit
exit:
  ret void
}

; CHECK-LABEL: remark: x_may_alias: the tape keeps
; CHECK: remark: x_may_alias: kept, not loaded again, because {{.*}}: %xi (load), by the store{{$}}

define void @x_captured(ptr noalias %x, ptr noalias captures(none) %s, i64 %n) {
entry:
  %out = load ptr, ptr %s
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %x.i = getelementptr double, ptr %x, i64 %i
  %xi = load double, ptr %x.i
  %sq = fmul double %xi, %xi
  %out.i = getelementptr double, ptr %out, i64 %i
  store double %sq, ptr %out.i
  %next = add i64 %i, 1
  %more = icmp ult i64 %next, %n
  br i1 %more, label %loop, label %exit
exit:
  ret void
}

; CHECK-LABEL: remark: x_captured: the tape keeps
; CHECK: remark: x_captured: kept, not loaded again, because {{.*}}: %xi (load), by the store{{$}}

define void @select_store(ptr noalias captures(none) %x, ptr noalias captures(none) %s, i64 %n, i1 %c) {
entry:
  %out = load ptr, ptr %s
  %to = select i1 %c, ptr %x, ptr %out
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %x.i = getelementptr double, ptr %x, i64 %i
  %xi = load double, ptr %x.i
  %sq = fmul double %xi, %xi
  %to.i = getelementptr double, ptr %to, i64 %i
  store double %sq, ptr %to.i
  %next = add i64 %i, 1
  %more = icmp ult i64 %next, %n
  br i1 %more, label %loop, label %exit
exit:
  ret void
}

; CHECK-LABEL: remark: select_store: the tape keeps
; CHECK: remark: select_store: kept, not loaded again, because {{.*}}: %xi (load), by the store{{$}}

define void @stored_then_loaded(ptr noalias captures(none) %x, ptr noalias captures(none) %y, i64 %n) {
entry:
  %slot = alloca ptr
  store ptr %x, ptr %slot
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %x.i = getelementptr double, ptr %x, i64 %i
  %xi = load double, ptr %x.i
  %sq = fmul double %xi, %xi
  %y.i = getelementptr double, ptr %y, i64 %i
  store double %sq, ptr %y.i
  %copy = load ptr, ptr %slot
  %copy.i = getelementptr double, ptr %copy, i64 %i
  store double 0.0, ptr %copy.i
  %next = add i64 %i, 1
  %more = icmp ult i64 %next, %n
  br i1 %more, label %loop, label %exit
exit:
  store ptr null, ptr %slot
  ret void
}

; CHECK-LABEL: remark: stored_then_loaded: the tape keeps
; CHECK: remark: stored_then_loaded: kept, not loaded again, because {{.*}}: %xi (load), by the store{{$}}

define void @caller(ptr %x, ptr %dx, ptr %s, ptr %ds, i64 %n, i1 %c) {
  call double (ptr, ...) @__enzyme_autodiff(ptr @through_loaded, metadata !"enzyme_dup", ptr %x, ptr %dx, metadata !"enzyme_dup", ptr %s, ptr %ds, metadata !"enzyme_const", i64 %n)
  call double (ptr, ...) @__enzyme_autodiff(ptr @x_may_alias, metadata !"enzyme_dup", ptr %x, ptr %dx, metadata !"enzyme_dup", ptr %s, ptr %ds, metadata !"enzyme_const", i64 %n)
  call double (ptr, ...) @__enzyme_autodiff(ptr @x_captured, metadata !"enzyme_dup", ptr %x, ptr %dx, metadata !"enzyme_dup", ptr %s, ptr %ds, metadata !"enzyme_const", i64 %n)
  call double (ptr, ...) @__enzyme_autodiff(ptr @select_store, metadata !"enzyme_dup", ptr %x, ptr %dx, metadata !"enzyme_dup", ptr %s, ptr %ds, metadata !"enzyme_const", i64 %n, metadata !"enzyme_const", i1 %c)
  call double (ptr, ...) @__enzyme_autodiff(ptr @stored_then_loaded, metadata !"enzyme_dup", ptr %x, ptr %dx, metadata !"enzyme_dup", ptr %s, ptr %ds, metadata !"enzyme_const", i64 %n)
  ret void
}
