; An untagged integer load of the same width as a double of the same record, through a parameter:
; unoptimized Eigen's `MatrixXd::Zero(rows, cols)` hands the matrix's constructor a
; `CwiseNullaryOp` {i64 rows, i64 cols, double value} by reference, and the constructor reads
; `rows` as an i64 (no type-based alias tag at -O0) beside `value` as a double and passes it to
; `resize`. Within the callee the i64 could be the next double of an array; the callers' stack
; slots (`alloca %NullaryOp`, here one call up and two) declare an integer there, so it is no
; double's bits and the derivative is made (Activity/FloatBits.swift). Before, it was refused
; ("floating-point memory is loaded as an integer"). When a caller's slot is an array of doubles,
; or a union (whose type names one member, the bytes may hold another), it is still refused.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; RUN: sed 's/%holder = alloca %NullaryOp/%holder = alloca [3 x double]/' %s | not %swad-opt - --pre-passes '' -O0 -o /dev/null 2>&1 | FileCheck %s --check-prefix=ARRAY

; RUN: sed 's/%NullaryOp/%union.U/g' %s | not %swad-opt - --pre-passes '' -O0 -o /dev/null 2>&1 | FileCheck %s --check-prefix=ARRAY

; CHECK-LABEL: define internal {{.*}} @diffe_reverse_make(
; ARRAY: error: in function 'construct': floating-point memory is loaded as an integer here

%NullaryOp = type { i64, i64, double }

declare double @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32
@enzyme_const = external global i32

; Allocates `rows` doubles (an integer argument: its bits must be no double's).
define ptr @resize(i64 %rows) {
  %bytes = shl i64 %rows, 3
  %p = call ptr @malloc(i64 %bytes)
  ret ptr %p
}
declare ptr @malloc(i64)

; Fills a new array of `rows` elements with the op's value.
define ptr @construct(ptr %op) noinline {
entry:
  %rows = load i64, ptr %op, align 8
  %value.at = getelementptr inbounds i8, ptr %op, i64 16
  %value = load double, ptr %value.at, align 8
  %data = call ptr @resize(i64 %rows)
  br label %fill
fill:
  %i = phi i64 [ 0, %entry ], [ %i.next, %fill ]
  %at = getelementptr inbounds double, ptr %data, i64 %i
  store double %value, ptr %at, align 8
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %rows
  br i1 %done, label %exit, label %fill
exit:
  ret ptr %data
}

; Hands the op on, one call up.
define ptr @forward(ptr %op) noinline {
  %data = call ptr @construct(ptr %op)
  ret ptr %data
}

; value · x summed over 4 elements; the op's value is x.
define double @make(double %x) {
  %holder = alloca %NullaryOp, align 8
  store i64 4, ptr %holder, align 8
  %cols = getelementptr inbounds i8, ptr %holder, i64 8
  store i64 1, ptr %cols, align 8
  %value = getelementptr inbounds i8, ptr %holder, i64 16
  store double %x, ptr %value, align 8
  %data = call ptr @forward(ptr %holder)
  %last = getelementptr inbounds double, ptr %data, i64 3
  %v = load double, ptr %last, align 8
  %r = fmul double %v, %x
  ret double %r
}

define double @df(double %x) {
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @make, double %x)
  ret double %d
}
