; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; The shadows of C heap blocks come from @swad.block.alloc, which hands out a block a previous
; derivative call released if one fits, and go back through @swad.block.release, which keeps large
; ones for the next call (SwadAD/Support/ShadowBlocks.swift). The alignment each allocator promises
; is passed along: 16 for malloc, the argument of aligned_alloc and memalign, a page for valloc.
; operator new's shadows stay operator new's.
declare double @__enzyme_autodiff(ptr, ...)
declare ptr @malloc(i64)
declare ptr @aligned_alloc(i64, i64)
declare ptr @memalign(i64, i64)
declare ptr @valloc(i64)
declare ptr @_Znwm(i64)
declare void @_ZdlPv(ptr)
declare void @free(ptr)

; Σ over four temporary cells of x·x, each from another allocator.
define double @f(double %x, i64 %n) {
entry:
  %a = call ptr @malloc(i64 %n)
  %b = call ptr @aligned_alloc(i64 64, i64 %n)
  %c = call ptr @memalign(i64 32, i64 %n)
  %d = call ptr @valloc(i64 %n)
  %e = call ptr @_Znwm(i64 %n)
  %sq = fmul double %x, %x
  store double %sq, ptr %a, align 8
  store double %sq, ptr %b, align 8
  store double %sq, ptr %c, align 8
  store double %sq, ptr %d, align 8
  store double %sq, ptr %e, align 8
  %va = load double, ptr %a, align 8
  %vb = load double, ptr %b, align 8
  %vc = load double, ptr %c, align 8
  %vd = load double, ptr %d, align 8
  %ve = load double, ptr %e, align 8
  %s1 = fadd double %va, %vb
  %s2 = fadd double %s1, %vc
  %s3 = fadd double %s2, %vd
  %s4 = fadd double %s3, %ve
  call void @free(ptr %a)
  call void @free(ptr %b)
  call void @free(ptr %c)
  call void @free(ptr %d)
  call void @_ZdlPv(ptr %e)
  ret double %s4
}

define double @caller(double %x, i64 %n) {
entry:
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x, i64 %n)
  ret double %g
}

; A thread's kept blocks, and their usable bytes in all.
; CHECK: @swad.block.kept = internal thread_local global [16 x ptr] zeroinitializer
; CHECK: @swad.block.kept.bytes = internal thread_local global i64 0

; CHECK-LABEL: define internal double @augmented_f(
; CHECK-SAME: double [[X:%.*]], i64 [[N:%.*]], ptr [[TAPE:%.*]])
; CHECK: call ptr @malloc(i64 [[N]])
; CHECK: [[DA:%.*]] = call ptr @swad.block.alloc(i64 [[N]], i64 16)
; CHECK-NEXT: [[USABLE:%.*]] = call i64 @malloc_usable_size(ptr [[DA]])
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr {{.*}}[[DA]], i8 0, i64 [[USABLE]], i1 false)
; CHECK: call ptr @aligned_alloc(i64 64, i64 [[N]])
; CHECK: call ptr @swad.block.alloc(i64 [[N]], i64 64)
; CHECK: call ptr @memalign(i64 32, i64 [[N]])
; CHECK: call ptr @swad.block.alloc(i64 [[N]], i64 32)
; CHECK: call ptr @valloc(i64 [[N]])
; CHECK: call ptr @swad.block.alloc(i64 [[N]], i64 4096)
; CHECK: call ptr @_Znwm(i64 [[N]])
; CHECK-NEXT: call ptr @_Znwm(i64 [[N]])
; CHECK: ret double

; The four C shadows are released through @swad.block.release once the gradient is done; the C++
; one through operator delete.
; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; CHECK: store ptr @_ZdlPv, ptr
; CHECK-COUNT-4: store ptr @swad.block.release, ptr
; CHECK-NOT: @swad.block.release
; CHECK: ret { double }

; The thread's kept blocks: one of at least 64 KiB, no more than twice the size asked for, aligned
; as asked, is taken; otherwise malloc, or aligned_alloc with the size rounded up to the alignment.
; CHECK-LABEL: define internal noalias ptr @swad.block.alloc(
; CHECK-SAME: i64 [[SIZE:%[0-9]+]], i64 [[ALIGNMENT:%[0-9]+]]) #[[ALLOC:[0-9]+]]
; CHECK: icmp uge i64 [[SIZE]], 65536
; CHECK: take:
; CHECK-NEXT: store ptr null, ptr [[SLOT:%slot]]
; CHECK: sub i64 {{%.*}}, [[USABLE:%usable]]
; CHECK: ret ptr [[BLOCK:%block]]
; CHECK: aligned:
; CHECK: call ptr @aligned_alloc(i64 [[ALIGNMENT]],
; CHECK: plain:
; CHECK: call ptr @malloc(i64 [[SIZE]])
; CHECK: scan:
; CHECK: [[SLOT]] = getelementptr ptr, ptr @swad.block.kept, i64 %i
; CHECK: [[BLOCK]] = load ptr, ptr [[SLOT]]
; CHECK: check:
; CHECK: [[USABLE]] = call i64 @malloc_usable_size(ptr [[BLOCK]])
; CHECK: icmp uge i64 [[USABLE]], [[SIZE]]
; CHECK: [[TWICE:%.*]] = shl i64 [[SIZE]], 1
; CHECK: icmp ule i64 [[USABLE]], [[TWICE]]
; CHECK: br i1 {{%.*}}, label %take, label %next

; A released block is kept in the first empty slot when it is at least 64 KiB and the thread keeps
; no more than 256 MiB; otherwise freed.
; CHECK-LABEL: define internal void @swad.block.release(
; CHECK-SAME: ptr [[RELEASED:%[0-9]+]])
; CHECK: measure:
; CHECK: [[USABLE:%usable]] = call i64 @malloc_usable_size(ptr [[RELEASED]])
; CHECK: icmp uge i64 [[USABLE]], 65536
; CHECK: icmp ule i64 %total, 268435456
; CHECK: store:
; CHECK-NEXT: store ptr [[RELEASED]], ptr %slot
; CHECK: release:
; CHECK-NEXT: call void @free(ptr [[RELEASED]])

; Not inlined: the result stays a noalias call's to the alias analysis. Not optimized either: each
; runs once per block of 64 KiB or more, and their loops unrolled cost the BLAS MLP's swad-opt 4%.
; CHECK-DAG: attributes #[[ALLOC]] = { noinline nounwind optnone }
