; A global pointer whose memory the module writes through (`double *table`, `table[i] = v`) gets a
; shadow global although nothing stores to the global itself (Support/GlobalShadows.swift): it
; starts as the primal's pointer (constant data), so that a function reading the memory through it
; is differentiated even where the derivative calls it with no active argument, and its read is
; checked for a value whose derivative was lost in that memory (Support/UnshadowedMemory.swift).
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK: @swad.shadow.table = internal global ptr null

; The writer records what it stored where the shadow is the memory itself.
; CHECK-LABEL: define internal void @fwddiffeput(
; CHECK: load ptr, ptr @swad.shadow.table
; CHECK: store double %v, ptr %slot
; CHECK: call void @swad.unshadowed.write(ptr %slot, i64 8,

; The reader is differentiated, through the shadow global, and its read checked.
; CHECK-LABEL: define internal { double, double } @fwddiffeget(
; CHECK: %p = load ptr, ptr @table
; CHECK: load ptr, ptr @swad.shadow.table
; CHECK: call void @swad.unshadowed.read(ptr %slot, i64 8,

@storage = internal global [4 x double] zeroinitializer
@table = global ptr @storage

define void @put(double %v, i64 %i) {
  %p = load ptr, ptr @table
  %slot = getelementptr double, ptr %p, i64 %i
  store double %v, ptr %slot
  ret void
}

define double @get(i64 %i) {
  %p = load ptr, ptr @table
  %slot = getelementptr double, ptr %p, i64 %i
  %v = load double, ptr %slot
  ret double %v
}

define double @f(double %x) {
  %sq = fmul double %x, %x
  call void @put(double %sq, i64 1)
  %back = call double @get(i64 1)
  %r = fmul double %back, 3.0
  ret double %r
}

declare double @__enzyme_fwddiff(ptr, ...)

define double @tangent(double %x, double %dx) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx)
  ret double %r
}
