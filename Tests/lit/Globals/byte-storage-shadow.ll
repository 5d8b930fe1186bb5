; A static array of bytes that objects are made in (`alignas(16) static unsigned char buf[256]`,
; placement `new (buf) G(2 * x)`), the double stored into it by a constructor the function calls,
; and read back by a method called with no active argument (the object's address is the global's):
; the array gets a zero-initialized shadow global, so the stored double's tangent goes into it and
; the method, reading through the shadow, is differentiated. Without one, both modes lost the
; derivative there (silently 0). So does an object holding such an array (`%Pool`). A byte array the
; module only stores characters into gets none.
; RUN: %swad-opt %s -O0 --pre-passes='' -S | FileCheck %s

; CHECK: @swad.shadow.buf = internal global [32 x i8] zeroinitializer
; CHECK: @swad.shadow.pool = internal global %Pool zeroinitializer
; CHECK-NOT: swad.shadow.text
%Pool = type { [32 x i8], i64 }
@buf = internal global [32 x i8] zeroinitializer, align 16
@pool = internal global %Pool zeroinitializer, align 16
@text = internal global [8 x i8] zeroinitializer

define internal void @construct(ptr %this, double %q) noinline {
entry:
  %field = getelementptr inbounds i8, ptr %this, i64 8
  store double %q, ptr %field, align 8
  ret void
}

define internal double @value(ptr %this) noinline {
entry:
  %field = getelementptr inbounds i8, ptr %this, i64 8
  %q = load double, ptr %field, align 8
  ret double %q
}

define double @f(double %x) {
entry:
  store i8 65, ptr @text, align 1
  %q = fmul double %x, 2.0
  call void @construct(ptr @buf, double %q)
  %v = call double @value(ptr @buf)
  %in.pool = getelementptr inbounds i8, ptr @pool, i64 8
  call void @construct(ptr %in.pool, double %v)
  %u = call double @value(ptr %in.pool)
  %r = fmul double %u, %x
  ret double %r
}

declare double @__enzyme_fwddiff(ptr, ...)

define double @caller(double %x) {
entry:
  %d = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double 1.0)
  ret double %d
}

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK: call void @fwddiffeconstruct(ptr @buf, ptr @swad.shadow.buf, double %q, double
; CHECK: call { double, double } @fwddiffevalue(ptr @buf, ptr @swad.shadow.buf)
