; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; enzyme_context: the derivative call loads the shadow globals from the context before it runs and
; stores them back after it, instead of zeroing them; __enzyme_context/__enzyme_shadow/
; __enzyme_zero_shadows become swad's context runtime, defined once the shadow globals are known.

@w = global double 1.5

declare double @__enzyme_autodiff(ptr, ...)
declare ptr @__enzyme_context(i32)
declare ptr @__enzyme_shadow(ptr, ptr, i32)
declare void @__enzyme_zero_shadows(ptr)

define double @f(double %x) {
entry:
  %w = load double, ptr @w
  %m = fmul double %x, %w
  ret double %m
}

define double @caller(double %x) {
entry:
  %ctx = call ptr @__enzyme_context(i32 1)
  %dx = call double (ptr, ...) @__enzyme_autodiff(ptr @f, metadata !"enzyme_context", ptr %ctx, double %x)
  %slot = call ptr @__enzyme_shadow(ptr %ctx, ptr @w, i32 0)
  %dw = load double, ptr %slot
  call void @__enzyme_zero_shadows(ptr %ctx)
  %sum = fadd double %dx, %dw
  ret double %sum
}

; CHECK: @swad.shadow.w = internal global double 0.000000e+00

; CHECK-LABEL: define double @caller(
; CHECK: [[CTX:%.*]] = call ptr @swad.context.new(i32 1)
; CHECK-NEXT: call void @swad.context.enter(ptr [[CTX]], i32 1)
; CHECK-NEXT: call { double } @diffef(double %x)
; CHECK: call void @swad.context.leave(ptr [[CTX]], i32 1)
; CHECK: [[SLOT:%.*]] = call ptr @swad.context.shadow(ptr [[CTX]], ptr @w, i32 0)
; CHECK: call void @swad.context.zero(ptr [[CTX]])
; CHECK-NOT: __enzyme_

; CHECK-LABEL: define internal ptr @swad.context.shadow(
; CHECK: sub i64 {{%.*}}, ptrtoint (ptr @w to i64)

; CHECK-LABEL: define internal void @swad.context.enter(
; CHECK: call void @swad.shadow.globals.reset()
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 1 @swad.shadow.w, ptr

; CHECK-LABEL: define internal void @swad.context.leave(
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 1 {{%.*}}, ptr align 1 @swad.shadow.w,

