; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Records `{ptr values; double weight}` (Swift's `struct Row { var values: [Double]; var weight:
; Double }`) in an array reached only at run-time offsets, as Swift's in-place sort leaves them once
; inlined and simplified. In @"$s4swap" an insertion step swaps neighbours through a byte index
; `j << 4` past the array's 32-byte header: the pointer and the weight of row j are loaded, row j-1
; is copied over it by a 16-byte memcpy, and both are stored into row j-1. In @"$s5merge" a merge
; walks two runs with pointers stepping by 16 bytes, reads only the weights, and moves whole rows;
; a typed step over the records (`getelementptr %Row`) declares the rest. No side of these copies is
; at a known offset: taken as the memory's first access (a pointer), the weight's adjoint stayed
; behind (a gradient of [0, 0, 123] for [100, 20, 3], silently); taken as the doubles the merge
; reads, the shadows' pointers were added up as numbers. Every access is at a constant plus
; multiples of 16: modulo 16 a pointer at 0 and a double at 8, whichever row a copy moves.

%Row = type <{ ptr, double }>

declare double @__enzyme_autodiff(ptr, ...)
declare ptr @malloc(i64)
declare ptr @"$s6values"(i64)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)

define swiftcc double @"$s4swap"(ptr %p) {
entry:
  %object = call ptr @malloc(i64 80)
  %count = getelementptr inbounds i8, ptr %object, i64 16
  store i64 3, ptr %count, align 8
  %rows = getelementptr inbounds i8, ptr %object, i64 32
  br label %fill

fill:
  %i = phi i64 [ 0, %entry ], [ %i.next, %fill ]
  %v = call ptr @"$s6values"(i64 %i)
  %at.p = getelementptr inbounds double, ptr %p, i64 %i
  %w = load double, ptr %at.p, align 8
  %at.i = shl nuw nsw i64 %i, 4
  %row.i = getelementptr inbounds i8, ptr %rows, i64 %at.i
  store ptr %v, ptr %row.i, align 8
  %weight.i = getelementptr inbounds i8, ptr %row.i, i64 8
  store double %w, ptr %weight.i, align 8
  %i.next = add nuw nsw i64 %i, 1
  %filled = icmp eq i64 %i.next, 3
  br i1 %filled, label %inner, label %fill

inner:
  %j = phi i64 [ 2, %fill ], [ %j.prev, %swap ]
  %j.prev = add nsw i64 %j, -1
  %at.j = shl nuw nsw i64 %j, 4
  %row.j = getelementptr inbounds i8, ptr %rows, i64 %at.j
  %weight.j = getelementptr inbounds i8, ptr %row.j, i64 8
  %wj = load double, ptr %weight.j, align 8
  %at.prev = shl nuw nsw i64 %j.prev, 4
  %row.prev = getelementptr inbounds i8, ptr %rows, i64 %at.prev
  %weight.prev = getelementptr inbounds i8, ptr %row.prev, i64 8
  %wprev = load double, ptr %weight.prev, align 8
  %less = fcmp olt double %wj, %wprev
  br i1 %less, label %swap, label %done

swap:
  %vj = load ptr, ptr %row.j, align 8
  call void @llvm.memcpy.p0.p0.i64(ptr %row.j, ptr %row.prev, i64 16, i1 false)
  store ptr %vj, ptr %row.prev, align 8
  store double %wj, ptr %weight.prev, align 8
  %first = icmp eq i64 %j.prev, 0
  br i1 %first, label %done, label %inner

done:
  %weight.0 = getelementptr inbounds i8, ptr %rows, i64 8
  %w0 = load double, ptr %weight.0, align 8
  %weight.2 = getelementptr inbounds i8, ptr %rows, i64 40
  %w2 = load double, ptr %weight.2, align 8
  %w2x = fmul double %w2, 1.000000e+02
  %sum = fadd double %w0, %w2x
  ret double %sum
}

; Merges the run [%low, %mid) with the run [%mid, %high) into %out.
define swiftcc void @"$s5merge"(ptr %low, ptr %mid, ptr %high, ptr %out) {
entry:
  %low.bytes = ptrtoint ptr %low to i64
  %mid.bytes = ptrtoint ptr %mid to i64
  %left.bytes = sub i64 %mid.bytes, %low.bytes
  %left.count = sdiv i64 %left.bytes, 16
  %left.end = getelementptr inbounds %Row, ptr %low, i64 %left.count
  br label %loop

loop:
  %a = phi ptr [ %low, %entry ], [ %a.next, %loop ]
  %b = phi ptr [ %mid, %entry ], [ %b.next, %loop ]
  %to = phi ptr [ %out, %entry ], [ %to.next, %loop ]
  %a.weight.at = getelementptr inbounds i8, ptr %a, i64 8
  %a.weight = load double, ptr %a.weight.at, align 8
  %b.weight.at = getelementptr inbounds i8, ptr %b, i64 8
  %b.weight = load double, ptr %b.weight.at, align 8
  %take.b = fcmp olt double %b.weight, %a.weight
  %from = select i1 %take.b, ptr %b, ptr %a
  call void @llvm.memmove.p0.p0.i64(ptr %to, ptr %from, i64 16, i1 false)
  %a.after = getelementptr inbounds i8, ptr %a, i64 16
  %b.after = getelementptr inbounds i8, ptr %b, i64 16
  %a.next = select i1 %take.b, ptr %a, ptr %a.after
  %b.next = select i1 %take.b, ptr %b.after, ptr %b
  %to.next = getelementptr inbounds i8, ptr %to, i64 16
  %a.more = icmp ult ptr %a.next, %left.end
  %b.more = icmp ult ptr %b.next, %high
  %more = and i1 %a.more, %b.more
  br i1 %more, label %loop, label %exit

exit:
  ret void
}

define double @"$s11mergedRows"(ptr %rows, ptr %out) {
entry:
  %mid = getelementptr inbounds i8, ptr %rows, i64 16
  %high = getelementptr inbounds i8, ptr %rows, i64 32
  call swiftcc void @"$s5merge"(ptr %rows, ptr %mid, ptr %high, ptr %out)
  %weight.0 = getelementptr inbounds i8, ptr %out, i64 8
  %w0 = load double, ptr %weight.0, align 8
  ret double %w0
}

; `remove(at: 1)` inlined: the records after the removed one move down by one memmove between two
; fixed places 16 bytes apart; only the removed record's reference is read here. The array
; variable's slot is reloaded after a call that may replace its storage (with storage of the same
; element type), and the loop over it steps by `%Row`: records of 16 bytes, a pointer and a double.
define ptr @"$s4make"(ptr %p) {
entry:
  %object = call ptr @malloc(i64 80)
  %count.at = getelementptr inbounds i8, ptr %object, i64 16
  store i64 3, ptr %count.at, align 8
  %elements = getelementptr inbounds i8, ptr %object, i64 32
  br label %fill

fill:
  %i = phi i64 [ 0, %entry ], [ %i.next, %fill ]
  %v = call ptr @"$s6values"(i64 %i)
  %at.p = getelementptr inbounds double, ptr %p, i64 %i
  %w = load double, ptr %at.p, align 8
  %row = getelementptr inbounds %Row, ptr %elements, i64 %i
  store ptr %v, ptr %row, align 8
  %weight = getelementptr inbounds i8, ptr %row, i64 8
  store double %w, ptr %weight, align 8
  %i.next = add nuw nsw i64 %i, 1
  %filled = icmp eq i64 %i.next, 3
  br i1 %filled, label %done, label %fill

done:
  ret ptr %object
}

define swiftcc void @"$s6append"(ptr swiftself %array) {
  ret void
}

define swiftcc double @"$s6remove"(ptr %p) {
entry:
  %slot = alloca ptr, align 8
  %object = call ptr @"$s4make"(ptr %p)
  %count.at = getelementptr inbounds i8, ptr %object, i64 16
  %count = load i64, ptr %count.at, align 8
  %removed = getelementptr inbounds i8, ptr %object, i64 48
  %reference = load ptr, ptr %removed, align 8
  %next = getelementptr inbounds i8, ptr %object, i64 64
  %bytes = shl i64 %count, 4
  %moved = add i64 %bytes, -32
  call void @llvm.memmove.p0.p0.i64(ptr %removed, ptr %next, i64 %moved, i1 false)
  %left = add i64 %count, -1
  store i64 %left, ptr %count.at, align 8
  store ptr %object, ptr %slot, align 8
  call swiftcc void @"$s6append"(ptr swiftself %slot)
  %storage = load ptr, ptr %slot, align 8
  %elements = getelementptr inbounds i8, ptr %storage, i64 32
  br label %loop

loop:
  %k = phi i64 [ 0, %entry ], [ %k.next, %loop ]
  %sum = phi double [ 0.0, %entry ], [ %sum.next, %loop ]
  %row = getelementptr inbounds %Row, ptr %elements, i64 %k
  %weight.at = getelementptr inbounds i8, ptr %row, i64 8
  %weight = load double, ptr %weight.at, align 8
  %sum.next = fadd double %sum, %weight
  %k.next = add i64 %k, 1
  %more = icmp ult i64 %k.next, %left
  br i1 %more, label %loop, label %exit

exit:
  ret double %sum.next
}

define void @caller(ptr %p, ptr %dp, ptr %rows, ptr %drows, ptr %out, ptr %dout) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @"$s4swap", ptr %p, ptr %dp)
  call double (ptr, ...) @__enzyme_autodiff(ptr @"$s6remove", ptr %p, ptr %dp)
  call double (ptr, ...) @__enzyme_autodiff(ptr @"$s11mergedRows", ptr %rows, ptr %drows, ptr %out, ptr %dout)
  ret void
}

; The swap's reverse moves the weight's adjoint (8 bytes into the row) back, and only it.
; CHECK-LABEL: define internal void @"diffe_reverse_$s4swap"(
; CHECK: memcpy.adjoint:
; CHECK: [[ROW:%.*]] = mul i64 %{{.*}}, 16
; CHECK-NEXT: [[AT:%.*]] = add i64 [[ROW]], 8
; CHECK-NEXT: getelementptr inbounds i8, ptr %{{.*}}, i64 [[AT]]
; CHECK-NEXT: getelementptr inbounds i8, ptr %{{.*}}, i64 [[AT]]
; CHECK-NEXT: load double
; CHECK-NEXT: store double 0.000000e+00
; CHECK: br i1 %{{.*}}, label %memcpy.adjoint, label %memcpy.adjoint.done
; The removal's reverse: one record at a time, the weight 8 bytes into each.
; CHECK-LABEL: define internal void @"diffe_reverse_$s6remove"(
; CHECK: memcpy.adjoint:
; CHECK: [[ROW:%.*]] = mul i64 %{{.*}}, 16
; CHECK-NEXT: [[AT:%.*]] = add i64 [[ROW]], 8
; CHECK-NEXT: getelementptr inbounds i8, ptr %{{.*}}, i64 [[AT]]
; CHECK-NEXT: getelementptr inbounds i8, ptr %{{.*}}, i64 [[AT]]
; CHECK-NEXT: load double
; CHECK-NEXT: store double 0.000000e+00
; The merge's reverse likewise: the pointer's shadow at 0 is no number.
; CHECK-LABEL: define internal void @"diffe_reverse_$s5merge"(
; CHECK: memcpy.adjoint:
; CHECK: [[ROW:%.*]] = mul i64 %{{.*}}, 16
; CHECK-NEXT: [[AT:%.*]] = add i64 [[ROW]], 8
; CHECK-NEXT: getelementptr inbounds i8, ptr %{{.*}}, i64 [[AT]]
; CHECK-NEXT: getelementptr inbounds i8, ptr %{{.*}}, i64 [[AT]]
; CHECK-NEXT: load double
; CHECK-NEXT: store double 0.000000e+00
; CHECK: br i1 %{{.*}}, label %memcpy.adjoint, label %memcpy.adjoint.done
