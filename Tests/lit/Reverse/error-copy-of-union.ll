; A copy (memcpy) of memory that the function accesses at one offset both as a pointer and as a
; floating-point value (a union, a std::variant's storage), with no !tbaa.struct to say which the
; copied bytes are (unoptimized code), is refused in reverse mode, naming the function: a pointer's
; shadow moves forward, a value's adjoint back, and guessing gave silently wrong gradients.
; RUN: not %swad-opt %s --pre-passes '' -o /dev/null 2>&1 | FileCheck %s

; CHECK: error: in function 'move': cannot differentiate in reverse mode this copy of memory that is accessed both as pointers and as floating-point values

define internal void @move(ptr %to, ptr %from, i1 %pointers, i1 %scalar) noinline {
  br i1 %pointers, label %poly, label %other
poly:
  %p = load ptr, ptr %from
  store ptr %p, ptr %to
  ret void
other:
  br i1 %scalar, label %one, label %gauss
one:
  %d = load double, ptr %from
  store double %d, ptr %to
  ret void
gauss:
  call void @llvm.memcpy.p0.p0.i64(ptr %to, ptr %from, i64 16, i1 false)
  ret void
}

define double @f(ptr %x) {
  %a = alloca [2 x double]
  %b = alloca [2 x double]
  %x0 = load double, ptr %x
  store double %x0, ptr %a
  %a1 = getelementptr inbounds i8, ptr %a, i64 8
  store double 2.0, ptr %a1
  call void @move(ptr %b, ptr %a, i1 false, i1 false)
  %v = load double, ptr %b
  %r = fmul double %v, %v
  ret double %r
}

define void @df(ptr %x, ptr %dx) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr @enzyme_dup, ptr %x, ptr %dx)
  ret void
}

@enzyme_dup = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

