; RUN: not %swad-opt %s -o /dev/null 2>&1 | FileCheck %s
; A record of more than 16 bytes passed by value goes in memory (byval): the function gets a copy the
; call makes, and so does the shadow in `enzyme_dup, p, dp`. In reverse mode the gradient was written
; into that copy and lost: dp stayed 0, silently. Passed by address (`&p, &dp`), the record reaches
; the function as the byval pointer itself, and the gradient the caller's shadow.

; CHECK: error: in function 'caller': the shadow of argument 1 of 'product' is a record passed by value in memory (byval): the function gets a copy the call makes, and the gradient written into it would be lost; pass the record and its shadow by address (enzyme_dup, &value, &shadow), or use forward mode

%P3 = type { double, double, double }

@enzyme_dup = external global i32
declare double @__enzyme_autodiff(ptr, ...)

define double @product(ptr byval(%P3) align 8 %p) {
  %x = load double, ptr %p
  %py = getelementptr inbounds i8, ptr %p, i64 8
  %y = load double, ptr %py
  %r = fmul double %x, %y
  ret double %r
}

define double @caller(ptr %p, ptr %dp) {
  %d = load i32, ptr @enzyme_dup
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @product, i32 %d, ptr byval(%P3) align 8 %p, ptr byval(%P3) align 8 %dp)
  ret double %g
}
