; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; __enzyme_allocation_like = { allocator, (void*)size argument, "-1", deallocator }: the shadow of a
; block is a second block from the same allocator, zeroed over the size argument (not over
; malloc_usable_size, which only malloc's blocks have), and released by the deallocator.

@.dealloc = private constant [3 x i8] c"-1\00"
@__enzyme_allocation_like = global [4 x ptr] [ptr @arena_alloc, ptr inttoptr (i64 1 to ptr), ptr @.dealloc, ptr @arena_free]

declare ptr @arena_alloc(i32, i64)
declare void @arena_free(ptr)
declare void @__enzyme_autodiff(ptr, ...)

define double @f(double %x) {
entry:
  %p = call ptr @arena_alloc(i32 3, i64 8)
  store double %x, ptr %p
  %v = load double, ptr %p
  %m = fmul double %v, %v
  call void @arena_free(ptr %p)
  ret double %m
}

define void @caller(double %x) {
entry:
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret void
}

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: [[P:%.*]] = call ptr @arena_alloc(i32 3, i64 8)
; CHECK-NEXT: [[DP:%.*]] = call ptr @arena_alloc(i32 3, i64 8)
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 1 [[DP]], i8 0, i64 8, i1 false)
; CHECK-NOT: malloc_usable_size
; CHECK: call void @arena_free(ptr [[P]])

; The reverse sweep hands the shadow to the list of blocks released when the gradient is done, with
; the same deallocator.
; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; CHECK-NOT: malloc_usable_size
; CHECK: [[RECORD:%.*]] = call ptr @swad.tape.reserve(ptr @swad.release.after, i64 16)
; CHECK: store ptr @arena_free, ptr
