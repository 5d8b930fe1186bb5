; A call of a defined function returning a double as the integer field of a pair, reinterpreted as
; a double by the caller (Swift's `Optional<Double>` returned as `{ i64, i8 }`: the payload's bits
; and the case), becomes a call of `<callee>.floats`, the callee inlined into a function returning
; the field as a double, where instcombine folds the bitcasts into the phi that chose the value
; (FloatsReturnedAsIntegers): the derivative comes back with it, and `nil`'s zero bits are 0.0.
; It was refused ("a floating-point value is reinterpreted as an integer ... reaches the return").
; RUN: %swad-opt --pre-passes '' -O0 %s -S | FileCheck %s

; CHECK-LABEL: define double @f(
; CHECK:         call { double, i8 } @safe_log.floats(double %x)
; CHECK-NOT:     bitcast
; CHECK-LABEL: define internal { double, i8 } @safe_log.floats(
; CHECK:         phi double [ %log.i, %some.i ], [ 0.000000e+00, %entry ]
; CHECK-LABEL: define internal { double } @diffe_reverse_safe_log.floats(
; CHECK:         rev.some.i.body:
; CHECK-NEXT:    [[SEED:%[0-9]+]] = load double, ptr %dlog.i
; CHECK:         [[SLOPE:%[0-9]+]] = fdiv double 1.000000e+00, %0
; CHECK-NEXT:    fmul contract double [[SLOPE]], [[SEED]]

declare double @llvm.log.f64(double)
declare double @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)

; log(x) when x > 0, else nil.
define { i64, i8 } @safe_log(double %x) noinline {
entry:
  %positive = fcmp ogt double %x, 0.0
  br i1 %positive, label %some, label %done
some:
  %log = call double @llvm.log.f64(double %x)
  %bits = bitcast double %log to i64
  br label %done
done:
  %payload = phi i64 [ %bits, %some ], [ 0, %entry ]
  %case = phi i8 [ 0, %some ], [ 1, %entry ]
  %pair = insertvalue { i64, i8 } undef, i64 %payload, 0
  %result = insertvalue { i64, i8 } %pair, i8 %case, 1
  ret { i64, i8 } %result
}

; safe_log(x) ?? 0, times 3.
define double @f(double %x) {
entry:
  %wrapped = call { i64, i8 } @safe_log(double %x)
  %word = extractvalue { i64, i8 } %wrapped, 0
  %case = extractvalue { i64, i8 } %wrapped, 1
  %none = icmp eq i8 %case, 1
  %value = bitcast i64 %word to double
  %unwrapped = select i1 %none, double 0.0, double %value
  %r = fmul double %unwrapped, 3.0
  ret double %r
}

define double @gradient(double %x) {
entry:
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %d
}

define double @tangent(double %x) {
entry:
  %d = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double 1.0)
  ret double %d
}
