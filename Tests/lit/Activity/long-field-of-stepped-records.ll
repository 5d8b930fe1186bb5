; An untagged 64-bit integer load beside a double of the same width (Activity/FloatBits.swift): the
; `long` of the `std::pair<long, double>`s a loop steps through 16 bytes at a time, used as an index
; and stored. Of the double's width, it could have been the next double of an array, and was
; refused ("floating-point memory is loaded as an integer"); in records of 16 bytes it has a place
; of its own, and it is computed with (an index). Where the loop steps 8 bytes (the integer is the
; previous double), or the integer's bits are only looked at and stored into bytes nothing types, it
; is still refused.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; RUN: sed 's/%edge, i64 16/%edge, i64 8/' %s | not %swad-opt - --pre-passes '' -O0 -o /dev/null 2>&1 | FileCheck %s --check-prefix=REFUSED
; RUN: sed -e 's/ptr %distances, i64 %node/ptr %distances, i64 %k/' -e 's/store i64 %node,/store i64 %node.bits,/' %s | not %swad-opt - --pre-passes '' -O0 -o /dev/null 2>&1 | FileCheck %s --check-prefix=REFUSED

; CHECK-LABEL: define internal void @diffe_reverse_edges(
; REFUSED: error: in function 'edges': floating-point memory is loaded as an integer here

declare double @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32
@enzyme_const = external global i32

; Edges {long to; double w}: the weights summed, each scaled by distances[to]; the targets stored.
define double @edges(ptr %first, ptr %last, ptr %distances, ptr %targets) {
entry:
  br label %loop
loop:
  %edge = phi ptr [ %first, %entry ], [ %next, %loop ]
  %sum = phi double [ 0.0, %entry ], [ %sum.next, %loop ]
  %k = phi i64 [ 0, %entry ], [ %k.next, %loop ]
  %node = load i64, ptr %edge, align 8
  %node.bits = xor i64 %node, 1
  %slot = getelementptr inbounds double, ptr %distances, i64 %node
  %distance = load double, ptr %slot, align 8
  %target.offset = shl i64 %k, 3
  %target.at = getelementptr inbounds i8, ptr %targets, i64 %target.offset
  store i64 %node, ptr %target.at, align 8
  %w.at = getelementptr inbounds i8, ptr %edge, i64 8
  %w = load double, ptr %w.at, align 8
  %term = fmul double %w, %distance
  %sum.next = fadd double %sum, %term
  %next = getelementptr inbounds i8, ptr %edge, i64 16
  %k.next = add i64 %k, 1
  %done = icmp eq ptr %next, %last
  br i1 %done, label %exit, label %loop
exit:
  ret double %sum.next
}

define void @df(ptr %first, ptr %dfirst, ptr %last, ptr %distances, ptr %targets) {
  %b = call double (ptr, ...) @__enzyme_autodiff(ptr @edges, ptr @enzyme_dup, ptr %first, ptr %dfirst, ptr @enzyme_const, ptr %last, ptr @enzyme_const, ptr %distances, ptr @enzyme_const, ptr %targets)
  ret void
}
