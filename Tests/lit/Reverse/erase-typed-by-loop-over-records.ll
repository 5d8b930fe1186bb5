; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; `v.erase(v.begin())` on a vector of `{int id; const double *src; double gain}` records: one
; memmove of run-time length from a load of `begin`, the records after the hole moved down. Nothing
; about the copy says what the records hold (the memory's first access is the hole's pointer), and
; the pointers' shadows and the gains' adjoints went with the wrong records: silently wrong. The
; loop reading the records loads `begin` again and steps through them by 24 bytes, a pointer at 8
; and a double at 16: the copy is laid out as that record (`localRecordOfVariableCopy`).

declare double @__enzyme_autodiff(ptr, ...)
declare ptr @malloc(i64)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)

define double @erase_first(ptr %p, i64 %n) {
entry:
  %vec = alloca { ptr, ptr }, align 8
  %bytes = mul i64 %n, 24
  %storage = call ptr @malloc(i64 %bytes)
  store ptr %storage, ptr %vec, align 8
  br label %fill

fill:
  %i = phi i64 [ 0, %entry ], [ %i.next, %fill ]
  %at = mul i64 %i, 24
  %record = getelementptr inbounds i8, ptr %storage, i64 %at
  %x.at = getelementptr inbounds double, ptr %p, i64 %i
  %src = getelementptr inbounds i8, ptr %record, i64 8
  store ptr %x.at, ptr %src, align 8
  %x = load double, ptr %x.at, align 8
  %gain = getelementptr inbounds i8, ptr %record, i64 16
  store double %x, ptr %gain, align 8
  %i.next = add i64 %i, 1
  %filled = icmp eq i64 %i.next, %n
  br i1 %filled, label %erase, label %fill

erase:
  %begin = load ptr, ptr %vec, align 8
  %second = getelementptr inbounds i8, ptr %begin, i64 24
  %rest = sub i64 %bytes, 24
  call void @llvm.memmove.p0.p0.i64(ptr %begin, ptr %second, i64 %rest, i1 false)
  %first = load ptr, ptr %vec, align 8
  %end = getelementptr inbounds i8, ptr %first, i64 %rest
  br label %read

read:
  %it = phi ptr [ %first, %erase ], [ %it.next, %read ]
  %sum = phi double [ 0.0, %erase ], [ %sum.next, %read ]
  %it.gain = getelementptr inbounds i8, ptr %it, i64 16
  %g = load double, ptr %it.gain, align 8
  %it.src = getelementptr inbounds i8, ptr %it, i64 8
  %s = load ptr, ptr %it.src, align 8
  %y = load double, ptr %s, align 8
  %term = fmul double %g, %y
  %sum.next = fadd double %sum, %term
  %it.next = getelementptr inbounds i8, ptr %it, i64 24
  %more = icmp ne ptr %it.next, %end
  br i1 %more, label %read, label %done

done:
  ret double %sum.next
}

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @erase_first, ptr %p, ptr %dp, i64 4)
  ret void
}

; The forward sweep moves the shadows of the records, pointers included; the reverse sweep moves
; each record's double back, record by record.
; CHECK-LABEL: define internal double @augmented_erase_first(
; CHECK: call void @llvm.memmove.p0.p0.i64(ptr %begin, ptr %second, i64 %rest, i1 false)
; CHECK: call void @llvm.memmove.p0.p0.i64(ptr %"'begin", ptr %"'second", i64 %rest, i1 false)
; CHECK-LABEL: define internal void @diffe_reverse_erase_first(
; CHECK: [[RECORDS:%.*]] = udiv i64 {{%.*}}, 24
; CHECK: memcpy.adjoint:
; CHECK: mul i64 {{%.*}}, 24
; CHECK: add i64 {{%.*}}, 16
; CHECK: load double
; CHECK: fadd contract double
; CHECK: icmp ult i64 {{%.*}}, [[RECORDS]]
