; RUN: %swad-opt %s -O0 -S | FileCheck %s
; An integer parameter read as a double on one path and as an integer on another (a Swift enum
; `{ case value(Double), count(Int) }` passed as its payload's i64 and a tag): the body takes it
; twice, as the integer and as the double its bit cast read, and the caller passes both. The
; derivative goes through the double: through the integer alone it was silently 0.

declare double @__enzyme_autodiff(ptr, ...)

define internal double @size(i64 %payload, i8 %tag) noinline {
entry:
  %isvalue = icmp eq i8 %tag, 0
  br i1 %isvalue, label %value, label %count
value:
  %d = bitcast i64 %payload to double
  %square = fmul double %d, %d
  br label %done
count:
  %n = sitofp i64 %payload to double
  br label %done
done:
  %r = phi double [ %square, %value ], [ %n, %count ]
  ret double %r
}

define double @f(double %x) {
entry:
  %bits = bitcast double %x to i64
  %a = call double @size(i64 %bits, i8 0)
  %b = call double @size(i64 3, i8 1)
  %r = fadd double %a, %b
  ret double %r
}

define double @caller(double %x) {
entry:
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %g
}

; The body: the integer, then the double it is read as; the bit cast is gone.
; CHECK-LABEL: define internal {{.*}}double @size.unpacked(
; CHECK-SAME: i64 %payload, double %payload.float, i8 {{.*}}%tag)
; CHECK-NOT: bitcast i64 %payload
; CHECK: fmul double %payload.float, %payload.float
; CHECK: sitofp i64 %payload to double

; The reverse sweep of the body returns the double's adjoint, 2 d d(result).
; CHECK-LABEL: define internal { double } @diffe_reverse_size.unpacked(
; CHECK-SAME: i64 %payload, double %payload.float, i8 %tag)
; CHECK: fmul contract double %payload.float
; CHECK: fmul contract double %payload.float
; CHECK: ret { double }
