; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; A function returning a struct C returns in memory (`V3 f(const double *q)`: a hidden first
; parameter `sret`), asked for with `V3 __enzyme_fwddiff(f, enzyme_dup, q, v)`: the call supplies
; one argument too few. The error says what the hidden parameter is and how to pass it (with its
; shadow, which receives the derivative); before, it only counted the parameters.

; CHECK: swad-opt: error: in function 'caller': too few arguments: 'f' has 2 parameters, but the call supplies only 1 (activity markers and shadows excluded); its first parameter is the hidden pointer through which it returns its struct (sret): pass the result's address and, for its derivative, a shadow first (enzyme_dup, &result, &tangent), and read the derivative from the shadow

%V3 = type { double, double, double }
@enzyme_dup = external global i32
declare void @__enzyme_fwddiff(ptr, ...)

define void @f(ptr sret(%V3) %out, ptr %q) {
  %v = load double, ptr %q
  %sq = fmul double %v, %v
  store double %sq, ptr %out
  ret void
}

define void @caller(ptr sret(%V3) %t, ptr %q, ptr %v) {
  %m = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_fwddiff(ptr sret(%V3) %t, ptr @f, i32 %m, ptr %q, ptr %v)
  ret void
}
