; RUN: %swad-opt %s --pre-passes '' --print-activity | FileCheck %s
; RUN: %swad-opt %s --pre-passes '' -O0 -S | FileCheck %s --check-prefix=IR
; A stack slot that only ever holds constants, whose address is only passed to a callee that reads
; through it (a C++ `const double&`: Eigen's scaleAndAddTo(dst, lhs, rhs, Scalar(1))), needs no
; shadow: the callee's read of it is inactive, and its derivative takes no shadow for it. Slots
; that may hold a derivative keep theirs: one stored an active value, one whose address a callee
; writes through, one whose address is stored elsewhere, one passed to a declaration that does not
; say it only reads (an inactive one: it may still write the slot).
@enzyme_dup = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare void @opaque(ptr)
; opaque is inactive (a logger, say), but may write through its argument.
@__enzyme_inactivefn = global [1 x ptr] [ptr @opaque]
declare void @peek(ptr readonly)

define void @scale(ptr %dst, ptr %src, ptr %alpha) noinline {
entry:
  %a = load double, ptr %alpha
  %x = load double, ptr %src
  %y = fmul double %x, %a
  store double %y, ptr %dst
  ret void
}

define void @scale_and_keep(ptr %dst, ptr %src, ptr %alpha) noinline {
entry:
  %a = load double, ptr %alpha
  %x = load double, ptr %src
  %y = fmul double %x, %a
  store double %y, ptr %dst
  store double %x, ptr %alpha
  ret void
}

define void @f(ptr %dst, ptr %src, ptr %out) {
entry:
  %one = alloca double
  %half = alloca double
  %copy = alloca double
  %written = alloca double
  %escaping = alloca double
  %unknown = alloca double
  store double 1.0, ptr %one
  store double 0.5, ptr %half
  call void @peek(ptr %half)
  %v = load double, ptr %src
  store double %v, ptr %copy
  store double 2.0, ptr %written
  store double 3.0, ptr %escaping
  store ptr %escaping, ptr %out
  store double 4.0, ptr %unknown
  call void @opaque(ptr %unknown)
  call void @scale(ptr %dst, ptr %src, ptr %one)
  call void @scale(ptr %dst, ptr %src, ptr %half)
  call void @scale(ptr %dst, ptr %src, ptr %copy)
  call void @scale_and_keep(ptr %dst, ptr %src, ptr %written)
  call void @scale(ptr %dst, ptr %src, ptr %escaping)
  call void @scale(ptr %dst, ptr %src, ptr %unknown)
  ret void
}

define void @caller(ptr %d, ptr %dd, ptr %s, ptr %ds, ptr %o, ptr %do) {
  %u = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %u, ptr %d, ptr %dd, i32 %u, ptr %s, ptr %ds, i32 %u, ptr %o, ptr %do)
  ret void
}

; CHECK-LABEL: activity of @f
; CHECK: inactive: %one = alloca double
; CHECK: inactive: %half = alloca double
; CHECK: active:   %copy = alloca double
; CHECK: active:   %written = alloca double
; CHECK: active:   %escaping = alloca double
; CHECK: active:   %unknown = alloca double

; The derivative of scale for the constant slots takes no shadow of %alpha; for the others it does.
; IR-LABEL: define internal void @augmented_f(
; IR: call void @augmented_scale(ptr %dst, ptr %"'dst", ptr %src, ptr %"'src", ptr %one, ptr %tape{{[0-9]*}})
; IR-NEXT: call void @augmented_scale(ptr %dst, ptr %"'dst", ptr %src, ptr %"'src", ptr %half, ptr %tape{{[0-9]*}})
; IR-NEXT: call void @augmented_scale.{{[0-9]+}}(ptr %dst, ptr %"'dst", ptr %src, ptr %"'src", ptr %copy, ptr %"'copy", ptr %tape{{[0-9]*}})
; IR-LABEL: define internal void @augmented_scale(ptr %dst, ptr %"'dst", ptr %src, ptr %"'src", ptr %alpha, ptr %tape)
; IR-LABEL: define internal void @diffe_reverse_scale(ptr %tape, ptr %dst, ptr %"'dst", ptr %src, ptr %"'src", ptr %alpha)
