; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; An array of `{int id; const double *src; double gain}` records grown by hand: the new array gets
; the old record by a 24-byte memcpy and one record stored field by field after it, then moves all
; 48 bytes on; a loop reads every record by index. The 48-byte copy's constant-offset accesses lay
; out only the second record (a pointer at 32, a double at 40), so the first record's `gain` at 16
; moved as bytes and its adjoint was lost (silently 0). The records the loop indexes the memory by
; now lay out every record the copy moves: in @typed a `getelementptr %Channel` with a variable
; index, in @stepped a byte index stepping by 24 from 0 with the fields at constant offsets.

%Channel = type { i32, ptr, double }

declare double @__enzyme_autodiff(ptr, ...)
declare ptr @malloc(i64)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define double @typed(ptr %p) {
entry:
  %one = call ptr @malloc(i64 24)
  %gain = load double, ptr %p, align 8
  %one.src = getelementptr inbounds i8, ptr %one, i64 8
  store ptr %p, ptr %one.src, align 8
  %one.gain = getelementptr inbounds i8, ptr %one, i64 16
  store double %gain, ptr %one.gain, align 8
  %two = call ptr @malloc(i64 48)
  call void @llvm.memcpy.p0.p0.i64(ptr %two, ptr %one, i64 24, i1 false)
  %two.src = getelementptr inbounds i8, ptr %two, i64 32
  store ptr %p, ptr %two.src, align 8
  %two.gain = getelementptr inbounds i8, ptr %two, i64 40
  store double 2.0, ptr %two.gain, align 8
  %four = call ptr @malloc(i64 96)
  call void @llvm.memcpy.p0.p0.i64(ptr %four, ptr %two, i64 48, i1 false)
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %sum = phi double [ 0.0, %entry ], [ %sum.next, %loop ]
  %record = getelementptr inbounds %Channel, ptr %four, i64 %i
  %at.gain = getelementptr inbounds i8, ptr %record, i64 16
  %g = load double, ptr %at.gain, align 8
  %at.src = getelementptr inbounds i8, ptr %record, i64 8
  %src = load ptr, ptr %at.src, align 8
  %x = load double, ptr %src, align 8
  %term = fmul double %g, %x
  %sum.next = fadd double %sum, %term
  %next = add i64 %i, 1
  %more = icmp ult i64 %next, 2
  br i1 %more, label %loop, label %done

done:
  ret double %sum.next
}

define double @stepped(ptr %p) {
entry:
  %one = call ptr @malloc(i64 24)
  %gain = load double, ptr %p, align 8
  %one.src = getelementptr inbounds i8, ptr %one, i64 8
  store ptr %p, ptr %one.src, align 8
  %one.gain = getelementptr inbounds i8, ptr %one, i64 16
  store double %gain, ptr %one.gain, align 8
  %two = call ptr @malloc(i64 48)
  call void @llvm.memcpy.p0.p0.i64(ptr %two, ptr %one, i64 24, i1 false)
  %two.src = getelementptr inbounds i8, ptr %two, i64 32
  store ptr %p, ptr %two.src, align 8
  %two.gain = getelementptr inbounds i8, ptr %two, i64 40
  store double 2.0, ptr %two.gain, align 8
  %four = call ptr @malloc(i64 96)
  call void @llvm.memcpy.p0.p0.i64(ptr %four, ptr %two, i64 48, i1 false)
  br label %loop

loop:
  %offset = phi i64 [ 0, %entry ], [ %offset.next, %loop ]
  %sum = phi double [ 0.0, %entry ], [ %sum.next, %loop ]
  %record = getelementptr inbounds i8, ptr %four, i64 %offset
  %at.gain = getelementptr inbounds i8, ptr %record, i64 16
  %g = load double, ptr %at.gain, align 8
  %at.src = getelementptr inbounds i8, ptr %record, i64 8
  %src = load ptr, ptr %at.src, align 8
  %x = load double, ptr %src, align 8
  %term = fmul double %g, %x
  %sum.next = fadd double %sum, %term
  %offset.next = add i64 %offset, 24
  %more = icmp ult i64 %offset.next, 48
  br i1 %more, label %loop, label %done

done:
  ret double %sum.next
}

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @typed, ptr %p, ptr %dp)
  call double (ptr, ...) @__enzyme_autodiff(ptr @stepped, ptr %p, ptr %dp)
  ret void
}

; CHECK-LABEL: define internal void @diffe_reverse_typed(
; The 48-byte copy's reverse: both records' `gain`, at 16 and at 40.
; CHECK: memcpy.adjoint:
; CHECK: [[BASE:%.*]] = mul i64 %{{.*}}, 48
; CHECK-NEXT: add i64 [[BASE]], 16
; CHECK: load double
; CHECK-NEXT: store double 0.000000e+00
; CHECK: add i64 [[BASE]], 40
; CHECK-LABEL: define internal void @diffe_reverse_stepped(
; CHECK: memcpy.adjoint:
; CHECK: [[BASE:%.*]] = mul i64 %{{.*}}, 48
; CHECK-NEXT: add i64 [[BASE]], 16
; CHECK: load double
; CHECK-NEXT: store double 0.000000e+00
; CHECK: add i64 [[BASE]], 40
