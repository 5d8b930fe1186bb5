; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; Forward mode: realloc of a block whose pointer comes from constant memory (an enzyme_const
; argument's field), whose pointers are their own shadows: the new block is constant data too, its
; tangent the primal's result. Resized as a shadow as well, the block the primal's realloc had just
; freed was realloc'd a second time (Runtime/Forward/realloc-of-constant-data.c). A block with a
; shadow of its own (@grow_active, reached through a duplicated argument) still gets its shadow
; resized.

@enzyme_const = external global i32
@enzyme_dup = external global i32
declare double @__enzyme_fwddiff(ptr, ...)
declare ptr @realloc(ptr, i64)

define double @grow(ptr %ctx, ptr %x) {
  %table = load ptr, ptr %ctx
  %grown = call ptr @realloc(ptr %table, i64 64)
  store ptr %grown, ptr %ctx
  %v = load double, ptr %x
  store double 2.0, ptr %grown
  %w = load double, ptr %grown
  %y = fmul double %v, %w
  ret double %y
}

define double @grow_active(ptr %ctx, ptr %x) {
  %table = load ptr, ptr %ctx
  %grown = call ptr @realloc(ptr %table, i64 64)
  store ptr %grown, ptr %ctx
  %v = load double, ptr %x
  store double %v, ptr %grown
  %w = load double, ptr %grown
  %y = fmul double %v, %w
  ret double %y
}

define void @caller(ptr %ctx, ptr %dctx, ptr %x, ptr %dx) {
  %c = load i32, ptr @enzyme_const
  %d = load i32, ptr @enzyme_dup
  %t1 = call double (ptr, ...) @__enzyme_fwddiff(ptr @grow, i32 %c, ptr %ctx, i32 %d, ptr %x, ptr %dx)
  %t2 = call double (ptr, ...) @__enzyme_fwddiff(ptr @grow_active, i32 %d, ptr %ctx, ptr %dctx, i32 %d, ptr %x, ptr %dx)
  ret void
}

; CHECK-LABEL: define internal {{.*}} @fwddiffegrow(
; CHECK: call ptr @realloc(
; CHECK-NOT: call ptr @realloc(
; CHECK: ret
; CHECK-LABEL: define internal {{.*}} @fwddiffegrow_active(
; CHECK: %grown = call ptr @realloc(ptr %table, i64 64)
; CHECK: %"'grown" = call ptr @realloc(ptr %"'table", i64 64)
