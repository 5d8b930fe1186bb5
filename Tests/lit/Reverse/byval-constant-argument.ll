; A struct passed by value (byval: the callee's own copy) from a constant global, which the callee
; overwrites with values that have derivatives and reads back (an integrator's state advanced in
; place). The argument has no shadow, and the copy had none either: the derivatives written into it
; were lost, and the unshadowed-memory check stopped the program. The copy now gets a shadow of
; zeros (Support/ByValueParameters.swift): a heap block in reverse mode (the reverse sweep reads
; it), a constant of zeros in forward mode (the call copies it). The derivative calls pass the
; argument by value too, as the primal call does.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: %byval.shadow = call ptr @malloc(i64 16)
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 1 %byval.shadow, i8 0, i64 16, i1 false)
; CHECK-NEXT: call double @augmented_run(double %a, ptr byval(%State) align 8 @start, ptr %byval.shadow, ptr %tape)

; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: call { double } @diffe_reverse_run(
; CHECK-NOT: @start
; CHECK: call void @free(ptr

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK: call { double, double } @fwddifferun(double %a, double %"'a", ptr byval(%State) align 8 @start, ptr @swad.zeros.16)

%State = type { double, double }

@start = private unnamed_addr constant %State { double 1.0, double 0.5 }

define internal void @step(ptr sret(%State) %out, double %a, ptr %y) noinline {
  %p = load double, ptr %y
  %qp = getelementptr inbounds %State, ptr %y, i64 0, i32 1
  %q = load double, ptr %qp
  %ap = fmul double %a, %p
  %np = fadd double %ap, %q
  store double %np, ptr %out
  %nqp = getelementptr inbounds %State, ptr %out, i64 0, i32 1
  store double %q, ptr %nqp
  ret void
}

define internal double @run(double %a, ptr byval(%State) align 8 %y) noinline {
  %next = alloca %State
  call void @step(ptr sret(%State) %next, double %a, ptr %y)
  call void @llvm.memcpy.p0.p0.i64(ptr %y, ptr %next, i64 16, i1 false)
  %p = load double, ptr %y
  ret double %p
}

define double @f(ptr %x) {
  %a = load double, ptr %x
  %r = call double @run(double %a, ptr byval(%State) align 8 @start)
  ret double %r
}

define void @df(ptr %x, ptr %dx) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr @enzyme_dup, ptr %x, ptr %dx)
  ret void
}

define double @tf(ptr %x, ptr %tx) {
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr @enzyme_dup, ptr %x, ptr %tx)
  ret double %t
}

@enzyme_dup = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
