; A copy byte by byte of a double (a generic `unsigned char` swap on an array of doubles), or of bytes
; nothing types (only a pointer's, known as such, or a declared integer such as a `char` field may be
; moved so), cannot move a value's adjoint back in pieces: reverse mode refuses it, naming the function, where the
; bytes were moved silently wrong before (forward mode moves the tangent's bytes, exactly).
; RUN: not %swad-opt %s --pre-passes '' -o /dev/null 2>&1 | FileCheck %s

; CHECK: error: in function 'swap_bytes': cannot differentiate in reverse mode this copy of data byte by byte that may be floating-point

define internal void @swap_bytes(ptr %a, ptr %b) noinline {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %at.a = getelementptr inbounds i8, ptr %a, i64 %i
  %byte.a = load i8, ptr %at.a
  %at.b = getelementptr inbounds i8, ptr %b, i64 %i
  %byte.b = load i8, ptr %at.b
  store i8 %byte.b, ptr %at.a
  store i8 %byte.a, ptr %at.b
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, 8
  br i1 %done, label %exit, label %loop
exit:
  ret void
}

define double @f(ptr %x) {
  %values = alloca [2 x double]
  %value1 = getelementptr inbounds [2 x double], ptr %values, i64 0, i64 1
  %x0 = load double, ptr %x
  %twice = fmul double %x0, 2.0
  store double %twice, ptr %values
  store double %x0, ptr %value1
  call void @swap_bytes(ptr %values, ptr %value1)
  %v = load double, ptr %values
  ret double %v
}

define void @df(ptr %x, ptr %dx) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr @enzyme_dup, ptr %x, ptr %dx)
  ret void
}

@enzyme_dup = external global i32
declare void @__enzyme_autodiff(ptr, ...)
