; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; The reverse of `a = f(a, …)` (a load and a store of the same pointer with nothing that touches
; memory between them): the store's reverse takes the adjoint from the shadow without clearing it,
; and the load's reverse stores its own adjoint over it, instead of a clear, a reload and an
; addition. Loads whose reverse touches no shadow may sit between (a constant array's). A store
; between the two, a load of active memory between them, or a store to another pointer keeps the
; clear.
declare void @__enzyme_autodiff(ptr, ...)
declare double @sin(double) memory(errnomem: write)
@enzyme_dup = external global i32
@enzyme_const = external global i32

; a += sin(b c): a call that touches no program memory may sit between.
define void @accumulate(ptr %a, ptr %b, double %c) {
entry:
  %b.value = load double, ptr %b
  %a.value = load double, ptr %a
  %term = fmul double %b.value, %c
  %sine = call double @sin(double %term)
  %sum = fadd double %a.value, %sine
  store double %sum, ptr %a
  ret void
}

; a = a + b c with b constant: its load sits between, and its reverse is nothing.
define void @constant_load_between(ptr %a, ptr %b, double %c) {
entry:
  %a.value = load double, ptr %a
  %b.value = load double, ptr %b
  %term = fmul double %b.value, %c
  %sum = fadd double %a.value, %term
  store double %sum, ptr %a
  ret void
}

; The same with b active: its reverse adds to b's shadow, which may be a's.
define void @active_load_between(ptr %a, ptr %b, double %c) {
entry:
  %a.value = load double, ptr %a
  %b.value = load double, ptr %b
  %term = fmul double %b.value, %c
  %sum = fadd double %a.value, %term
  store double %sum, ptr %a
  ret void
}

define void @store_between(ptr %a, ptr %b, double %c) {
entry:
  %a.value = load double, ptr %a
  store double %c, ptr %b
  %product = fmul double %a.value, %c
  store double %product, ptr %a
  ret void
}

define void @other_pointer(ptr %a, ptr %b, double %c) {
entry:
  %a.value = load double, ptr %a
  %product = fmul double %a.value, %c
  store double %product, ptr %b
  ret void
}

define void @caller(ptr %a, ptr %da, ptr %b, ptr %db, double %c) {
entry:
  %dup = load i32, ptr @enzyme_dup
  %const = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @accumulate, i32 %dup, ptr %a, ptr %da, i32 %dup, ptr %b, ptr %db,
                                          i32 %const, double %c)
  call void (ptr, ...) @__enzyme_autodiff(ptr @constant_load_between, i32 %dup, ptr %a, ptr %da, i32 %const, ptr %b,
                                          i32 %const, double %c)
  call void (ptr, ...) @__enzyme_autodiff(ptr @active_load_between, i32 %dup, ptr %a, ptr %da, i32 %dup, ptr %b,
                                          ptr %db, i32 %const, double %c)
  call void (ptr, ...) @__enzyme_autodiff(ptr @store_between, i32 %dup, ptr %a, ptr %da, i32 %dup, ptr %b, ptr %db,
                                          i32 %const, double %c)
  call void (ptr, ...) @__enzyme_autodiff(ptr @other_pointer, i32 %dup, ptr %a, ptr %da, i32 %dup, ptr %b, ptr %db,
                                          i32 %const, double %c)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_accumulate(
; CHECK: {{^}}rev.entry.body:
; CHECK-NEXT: [[TAKEN:%.*]] = load double, ptr [[SHADOW_A:%[0-9]+]]
; CHECK-NOT: store double 0.0
; CHECK-NOT: load double, ptr [[SHADOW_A]]
; CHECK: store double [[ADJOINT_A:%.*]], ptr [[SHADOW_A]]
; CHECK-NOT: store double 0.0
; CHECK: ret void

; CHECK-LABEL: define internal void @diffe_reverse_constant_load_between(
; CHECK: [[TAKEN:%.*]] = load double, ptr [[SHADOW_A:%[0-9]+]]
; CHECK-NOT: store double 0.0
; CHECK-NOT: load double, ptr [[SHADOW_A]]
; CHECK: store double [[ADJOINT_A:%.*]], ptr [[SHADOW_A]]
; CHECK-NOT: store double 0.0
; CHECK: ret void

; CHECK-LABEL: define internal void @diffe_reverse_active_load_between(
; CHECK: [[TAKEN:%.*]] = load double, ptr [[SHADOW_A:%[0-9]+]]
; CHECK: store double 0.000000e+00, ptr [[SHADOW_A]]
; CHECK: [[OLD:%.*]] = load double, ptr [[SHADOW_A]]
; CHECK: [[SUM:%.*]] = fadd reassoc nsz contract double [[OLD]],
; CHECK: store double [[SUM]], ptr [[SHADOW_A]]
; CHECK: ret void

; CHECK-LABEL: define internal void @diffe_reverse_store_between(
; CHECK: [[TAKEN:%.*]] = load double, ptr [[SHADOW_A:%[0-9]+]]
; CHECK: store double 0.000000e+00, ptr [[SHADOW_A]]
; CHECK: store double 0.000000e+00, ptr [[SHADOW_B:%[0-9]+]]
; CHECK: [[OLD:%.*]] = load double, ptr [[SHADOW_A]]
; CHECK: [[SUM:%.*]] = fadd reassoc nsz contract double [[OLD]],
; CHECK: store double [[SUM]], ptr [[SHADOW_A]]
; CHECK: ret void

; CHECK-LABEL: define internal void @diffe_reverse_other_pointer(
; CHECK: [[TAKEN:%.*]] = load double, ptr [[SHADOW_B:%[0-9]+]]
; CHECK: store double 0.000000e+00, ptr [[SHADOW_B]]
; CHECK: [[OLD:%.*]] = load double, ptr [[SHADOW_A:%[0-9]+]]
; CHECK: [[SUM:%.*]] = fadd reassoc nsz contract double [[OLD]],
; CHECK: store double [[SUM]], ptr [[SHADOW_A]]
; CHECK: ret void
