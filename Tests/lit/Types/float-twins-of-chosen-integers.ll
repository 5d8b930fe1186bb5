; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; An integer phi carrying a double's bits in some iterations and an integer in others (a Swift
; enum `.ramp(Double)` / `.hold(Int)` kept across a loop), read back as the double by a bit cast:
; it gets a double twin choosing among the doubles (the integer's bits cast where it is one), which
; the reading takes. Through the integer the derivative was lost (refused as a float reinterpreted
; as an integer).

declare double @__enzyme_autodiff(ptr, ...)

define double @f(double %x) {
entry:
  %start = bitcast double %x to i64
  br label %loop
loop:
  %payload = phi i64 [ %start, %entry ], [ %next, %latch ]
  %isramp = phi i1 [ true, %entry ], [ %nextramp, %latch ]
  %i = phi i64 [ 0, %entry ], [ %inext, %latch ]
  %s = phi double [ 0.0, %entry ], [ %snext, %latch ]
  br i1 %isramp, label %ramp, label %hold
ramp:
  %t = bitcast i64 %payload to double
  %term = fmul double %t, %t
  br label %latch
hold:
  %n = sitofp i64 %payload to double
  %back = fmul double %x, 1.5
  %backbits = bitcast double %back to i64
  br label %latch
latch:
  %add = phi double [ %term, %ramp ], [ %n, %hold ]
  %next = phi i64 [ %i, %ramp ], [ %backbits, %hold ]
  %nextramp = phi i1 [ false, %ramp ], [ true, %hold ]
  %snext = fadd double %s, %add
  %inext = add i64 %i, 1
  %done = icmp eq i64 %inext, 4
  br i1 %done, label %exit, label %loop
exit:
  ret double %snext
}

define double @caller(double %x) {
entry:
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %g
}

; The twins beside the integer phis; the ramp reads the double.
; CHECK-LABEL: define double @f(
; CHECK: loop:
; CHECK: %payload.float = phi double [ %x, %entry ], [ %next.float, %latch ]
; CHECK: ramp:
; CHECK-NEXT: %term = fmul double %payload.float, %payload.float
; CHECK: hold:
; CHECK-NEXT: %n = sitofp i64 %payload to double
; CHECK: latch:
; CHECK-NEXT: %next.float = phi double [ {{%.*}}, %ramp ], [ %back, %hold ]

; The derivative goes through the double twin: it has an adjoint.
; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; CHECK: %dpayload.float = alloca double
