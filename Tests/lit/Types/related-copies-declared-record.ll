; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; An insertion sort's shift, unoptimized, over `{int id; const double *src; double gain}` records:
; a record goes to a temporary declared as the record, the records before it move up one place in
; a loop, and the temporary comes back: 24-byte copies, none tagged. The copies between elements,
; whose sides (a loop's pointer and the one before it) declare nothing, were typed by the
; function's reads of the memory (doubles, in a sort by gain), or by the memory's first access: a
; pointer's shadow or a double's adjoint stayed behind, and the gradient was silently wrong. The
; copies of that length moving the same memory are one kind of record, which the temporary's type
; declares: the copy between elements moves its pointer's shadow forward and its double's adjoint
; back. In @rotate the records move up by one memmove of run-time length (`std::move_backward`),
; which takes the record from the temporary's copies when its sides lie whole records from the
; memory's start.

%Channel = type { i32, ptr, double }

declare double @__enzyme_autodiff(ptr, ...)
declare ptr @malloc(i64)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)

define double @step(ptr %p, i64 %at) {
entry:
  %records = call ptr @malloc(i64 48)
  %x = load double, ptr %p, align 8
  %first.src = getelementptr inbounds i8, ptr %records, i64 8
  store ptr %p, ptr %first.src, align 8
  %first.gain = getelementptr inbounds i8, ptr %records, i64 16
  store double %x, ptr %first.gain, align 8
  %p.1 = getelementptr inbounds i8, ptr %p, i64 8
  %second.src = getelementptr inbounds i8, ptr %records, i64 32
  store ptr %p.1, ptr %second.src, align 8
  %second.gain = getelementptr inbounds i8, ptr %records, i64 40
  store double -2.0, ptr %second.gain, align 8
  %tmp = alloca %Channel, align 8
  %start = getelementptr inbounds i8, ptr %records, i64 24
  call void @llvm.memcpy.p0.p0.i64(ptr %tmp, ptr %start, i64 24, i1 false)
  br label %shift

shift:
  %hole = phi ptr [ %start, %entry ], [ %neighbour, %shift ]
  %neighbour = getelementptr inbounds i8, ptr %hole, i64 -24
  call void @llvm.memcpy.p0.p0.i64(ptr %hole, ptr %neighbour, i64 24, i1 false)
  %more = icmp ugt ptr %neighbour, %records
  br i1 %more, label %shift, label %done

done:
  call void @llvm.memcpy.p0.p0.i64(ptr %neighbour, ptr %tmp, i64 24, i1 false)
  %gain.at = getelementptr inbounds i8, ptr %records, i64 %at
  %gain = load double, ptr %gain.at, align 8
  %src.at = getelementptr inbounds i8, ptr %gain.at, i64 -8
  %src = load ptr, ptr %src.at, align 8
  %y = load double, ptr %src, align 8
  %r = fmul double %gain, %y
  ret double %r
}

define double @rotate(ptr %p, i64 %bytes, i64 %at) {
entry:
  %records = call ptr @malloc(i64 48)
  %x = load double, ptr %p, align 8
  %first.src = getelementptr inbounds i8, ptr %records, i64 8
  store ptr %p, ptr %first.src, align 8
  %first.gain = getelementptr inbounds i8, ptr %records, i64 16
  store double %x, ptr %first.gain, align 8
  %p.1 = getelementptr inbounds i8, ptr %p, i64 8
  %second.src = getelementptr inbounds i8, ptr %records, i64 32
  store ptr %p.1, ptr %second.src, align 8
  %second.gain = getelementptr inbounds i8, ptr %records, i64 40
  store double -2.0, ptr %second.gain, align 8
  %tmp = alloca %Channel, align 8
  %last = getelementptr inbounds i8, ptr %records, i64 %bytes
  call void @llvm.memcpy.p0.p0.i64(ptr %tmp, ptr %last, i64 24, i1 false)
  %second = getelementptr inbounds i8, ptr %records, i64 24
  call void @llvm.memmove.p0.p0.i64(ptr %second, ptr %records, i64 %bytes, i1 false)
  call void @llvm.memcpy.p0.p0.i64(ptr %records, ptr %tmp, i64 24, i1 false)
  %gain.at = getelementptr inbounds i8, ptr %records, i64 %at
  %gain = load double, ptr %gain.at, align 8
  %src.at = getelementptr inbounds i8, ptr %gain.at, i64 -8
  %src = load ptr, ptr %src.at, align 8
  %y = load double, ptr %src, align 8
  %r = fmul double %gain, %y
  ret double %r
}

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @step, ptr %p, ptr %dp, i64 40)
  call double (ptr, ...) @__enzyme_autodiff(ptr @rotate, ptr %p, ptr %dp, i64 24, i64 40)
  ret void
}

; The forward sweep moves the shadow of the record between the elements, pointer included.
; CHECK-LABEL: define internal double @augmented_step(
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr %hole, ptr %neighbour, i64 24, i1 false)
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr %"'hole", ptr %"'neighbour", i64 24, i1 false)
; The reverse sweep moves the record's double back, at 16.
; CHECK-LABEL: define internal void @diffe_reverse_step(
; CHECK: memcpy.adjoint:
; CHECK: add i64 {{%.*}}, 16
; CHECK: load double
; CHECK: fadd contract double

; CHECK-LABEL: define internal double @augmented_rotate(
; CHECK: call void @llvm.memmove.p0.p0.i64(ptr %second, ptr %records, i64 %bytes, i1 false)
; CHECK-NEXT: call void @llvm.memmove.p0.p0.i64(ptr %"'second", ptr %"'records", i64 %bytes, i1 false)
; The memmove's reverse runs over its records, as many as its length holds.
; CHECK-LABEL: define internal void @diffe_reverse_rotate(
; CHECK: [[RECORDS:%.*]] = udiv i64 %bytes, 24
; CHECK: memcpy.adjoint{{[0-9]+}}:
; CHECK: mul i64 {{%.*}}, 24
; CHECK: add i64 {{%.*}}, 16
; CHECK: load double
; CHECK: fadd contract double
; CHECK: icmp ult i64 {{%.*}}, [[RECORDS]]
