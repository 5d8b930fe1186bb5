; RUN: not %swad-opt %s -o %t.bc 2>&1 | FileCheck %s
; RUN: not test -e %t.bc
; A deallocator that takes more than the pointer is reported, not guessed.

@.dealloc = private constant [5 x i8] c"-1,0\00"
@__enzyme_allocation_like = global [4 x ptr] [ptr @arena_alloc, ptr null, ptr @.dealloc, ptr @arena_free]

declare ptr @arena_alloc(i64, i32)
declare void @arena_free(ptr, i64)
declare double @__enzyme_autodiff(ptr, ...)

define double @f(double %x) {
entry:
  ret double %x
}

define double @caller(double %x) {
entry:
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %d
}
; CHECK: error: __enzyme_allocation_like: the deallocator's arguments are "-1,0"; swad supports "-1" (the deallocator takes the allocated pointer alone): wrap 'arena_free' in a function of the pointer
