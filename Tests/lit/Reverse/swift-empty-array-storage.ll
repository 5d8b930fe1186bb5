; RUN: %swad-opt %s --pre-passes '' -O0 -o %t.bc --remarks 2>&1 | FileCheck %s
; Swift's new arrays start as the shared empty storage or a fresh buffer (a phi of the two). The
; empty storage is never written, so stores into such an array write the fresh buffer only, which
; no argument's memory overlaps: the reverse sweep loads the argument's elements again instead of
; keeping them. The loop's bounds-check exit only traps, so the loop-invariant load of `scale`
; is kept once per loop run, not per iteration.

@_swiftEmptyArrayStorage = external global [32 x i8]

declare swiftcc ptr @"$sSa28_allocateBufferUninitialized15minimumCapacitys016_ContiguousArrayB0VyxGSi_tFZ"(i64, ptr)
declare void @llvm.trap()
declare double @__enzyme_autodiff(ptr, ...)

define double @f(ptr readonly %in, ptr readonly %scale, i64 %n) {
entry:
  %none = icmp eq i64 %n, 0
  br i1 %none, label %have, label %make

make:
  %fresh = call swiftcc ptr @"$sSa28_allocateBufferUninitialized15minimumCapacitys016_ContiguousArrayB0VyxGSi_tFZ"(i64 %n, ptr null)
  br label %have

have:
  %storage = phi ptr [ @_swiftEmptyArrayStorage, %entry ], [ %fresh, %make ]
  %elements = getelementptr i8, ptr %storage, i64 32
  br i1 %none, label %done, label %loop

loop:
  %i = phi i64 [ 0, %have ], [ %next, %body ]
  %sum = phi double [ 0.0, %have ], [ %sum.next, %body ]
  %inside = icmp ult i64 %i, 1000000
  br i1 %inside, label %body, label %trap

body:
  %at = getelementptr double, ptr %in, i64 %i
  %x = load double, ptr %at
  %c = load double, ptr %scale
  %square = fmul double %x, %x
  %scaled = fmul double %square, %c
  %slot = getelementptr double, ptr %elements, i64 %i
  store double %scaled, ptr %slot
  %sum.next = fadd double %sum, %scaled
  %next = add nuw i64 %i, 1
  %more = icmp ult i64 %next, %n
  br i1 %more, label %loop, label %done

trap:
  call void @llvm.trap()
  unreachable

done:
  %result = phi double [ 0.0, %have ], [ %sum.next, %body ]
  ret double %result
}

define double @caller(ptr %in, ptr %din, ptr %scale, ptr %dscale, i64 %n) {
entry:
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @f, metadata !"enzyme_dup", ptr %in, ptr %din,
                                                 metadata !"enzyme_dup", ptr %scale, ptr %dscale,
                                                 metadata !"enzyme_const", i64 %n)
  ret double %r
}

; Nothing goes on the tape in the loop: %x and %c are read again, and the square (a product the
; adjoint of %c needs) is redone from %x.
; CHECK-NOT: each time block
; CHECK: f: recomputed by the reverse sweep instead of kept: {{.*}}%square (fmul)
; CHECK: f: reloaded by the reverse sweep instead of kept ({{.*}}): %x (load), %c (load)
