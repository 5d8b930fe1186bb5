; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; malloc gets a shadow block of the same size, zeroed (@swad.block.alloc: a block kept from a previous
; call, or malloc's); free of the primal releases the shadow too (@swad.block.release, which keeps a
; large block for the next call; Reverse/kept-shadow-blocks.ll).

declare ptr @malloc(i64)
declare void @free(ptr)
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x) {
entry:
  %buf = call ptr @malloc(i64 16)
  store double %x, ptr %buf, align 8
  %v = load double, ptr %buf, align 8
  %r = fmul double %v, %v
  call void @free(ptr %buf)
  ret double %r
}

define double @caller(double %x, double %dx) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx)
  ret double %t
}

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK-SAME: double [[X:%.*]], double [[DX:%.*]])
; CHECK: [[BUF:%.*]] = call ptr @malloc(i64 16)
; CHECK-NEXT: [[DBUF:%.*]] = call ptr @swad.block.alloc(i64 16, i64 16)
; CHECK-NEXT: [[USABLE:%.*]] = call i64 @malloc_usable_size(ptr [[DBUF]])
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr {{.*}}[[DBUF]], i8 0, i64 [[USABLE]], i1 false)
; CHECK-NEXT: store double [[X]], ptr [[BUF]], align 8
; CHECK-NEXT: store double [[DX]], ptr [[DBUF]], align 8
; CHECK-NEXT: [[V:%.*]] = load double, ptr [[BUF]], align 8
; CHECK-NEXT: [[DV:%.*]] = load double, ptr [[DBUF]], align 8
; CHECK: call void @free(ptr [[BUF]])
; CHECK-NEXT: call void @swad.block.release(ptr [[DBUF]])
