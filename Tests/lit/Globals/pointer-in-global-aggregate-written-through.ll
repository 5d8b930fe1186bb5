; Pointers kept in a global array or a global struct's field (`static double *bufs[4]`, addressed by
; integer handles; `struct workspace { int n; double *buf; } ws`) whose memory the module writes
; through get a shadow global too (Support/GlobalShadows.swift): it starts as a copy of the primal's
; pointers, so that the function reading the memory, called with no active argument, is
; differentiated and its read checked (Support/UnshadowedMemory.swift). Before, only a global that
; is itself a pointer counted, and the derivatives through such a workspace were silently wrong.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-DAG: @swad.shadow.bufs = internal global [4 x ptr] zeroinitializer
; CHECK-DAG: @swad.shadow.ws = internal global %workspace zeroinitializer

; The reset starts each shadow as the primal's pointers.
; CHECK-LABEL: define internal void @swad.shadow.globals.reset(
; CHECK-DAG: call void @llvm.memcpy.p0.p0.i64(ptr align 1 @swad.shadow.bufs, ptr align 1 @bufs, i64 32, i1 false)
; CHECK-DAG: call void @llvm.memcpy.p0.p0.i64(ptr align 1 @swad.shadow.ws, ptr align 1 @ws, i64 16, i1 false)

; Both readers are differentiated and their reads checked.
; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK: call { double, double } @fwddiffeget_handle(
; CHECK: call { double, double } @fwddiffeget_field(
; CHECK-LABEL: define internal { double, double } @fwddiffeget_handle(
; CHECK: call void @swad.unshadowed.read(
; CHECK-LABEL: define internal { double, double } @fwddiffeget_field(
; CHECK: call void @swad.unshadowed.read(

%workspace = type { i32, ptr }

@bufs = internal global [4 x ptr] zeroinitializer
@ws = internal global %workspace zeroinitializer

define internal void @set_handle(i64 %h, double %v) noinline {
  %slot = getelementptr [4 x ptr], ptr @bufs, i64 0, i64 %h
  %buf = load ptr, ptr %slot
  store double %v, ptr %buf
  ret void
}

define internal double @get_handle(i64 %h) noinline {
  %slot = getelementptr [4 x ptr], ptr @bufs, i64 0, i64 %h
  %buf = load ptr, ptr %slot
  %v = load double, ptr %buf
  ret double %v
}

define internal void @set_field(double %v) noinline {
  %buf = load ptr, ptr getelementptr (%workspace, ptr @ws, i32 0, i32 1)
  store double %v, ptr %buf
  ret void
}

define internal double @get_field() noinline {
  %buf = load ptr, ptr getelementptr (%workspace, ptr @ws, i32 0, i32 1)
  %v = load double, ptr %buf
  ret double %v
}

define double @f(double %x) {
  %sq = fmul double %x, %x
  call void @set_handle(i64 1, double %sq)
  %a = call double @get_handle(i64 1)
  call void @set_field(double %sq)
  %b = call double @get_field()
  %r = fadd double %a, %b
  ret double %r
}

declare double @__enzyme_fwddiff(ptr, ...)

define double @tangent(double %x, double %dx) {
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx)
  ret double %r
}
