; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; A tape in memory the caller allocated (enzyme_allocated N, enzyme_tape p, N from
; __enzyme_augmentsize): __enzyme_augmentfwd stores the sealed tape's pointer there, and
; __enzyme_fwdsplit given the same memory loads it from there.
declare void @__enzyme_augmentfwd(ptr, ...)
declare i64 @__enzyme_augmentsize(ptr, ...)
declare double @__enzyme_fwdsplit(ptr, ...)
@enzyme_allocated = external global i32
@enzyme_tape = external global i32
@enzyme_dup = external global i32

define double @f(ptr %x) {
entry:
  %v = load double, ptr %x
  %r = fmul double %v, %v
  ret double %r
}

define double @caller(ptr %x, ptr %dx, ptr %memory) {
entry:
  %allocated = load i32, ptr @enzyme_allocated
  %tapemarker = load i32, ptr @enzyme_tape
  %dup = load i32, ptr @enzyme_dup
  %size = call i64 (ptr, ...) @__enzyme_augmentsize(ptr @f, i32 %dup)
  call void (ptr, ...) @__enzyme_augmentfwd(ptr @f, i32 %allocated, i64 %size, i32 %tapemarker, ptr %memory, ptr %x, ptr %dx)
  %t = call double (ptr, ...) @__enzyme_fwdsplit(ptr @f, i32 %allocated, i64 %size, i32 %tapemarker, ptr %memory, ptr %x, ptr %dx)
  ret double %t
}

; CHECK-LABEL: define double @caller(
; CHECK: [[SEALED:%.*]] = call ptr @swad.fwdsplit.seal(
; CHECK-NEXT: store ptr [[SEALED]], ptr %memory
; CHECK: [[TAPE:%.*]] = load ptr, ptr %memory
; CHECK: call ptr @swad.fwdsplit.begin(ptr [[TAPE]],
; CHECK: call void @swad.fwdsplit.end(ptr [[TAPE]],
