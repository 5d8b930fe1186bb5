; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A memset of run-time length past a vector's end, within its capacity (`resize` value-initializing
; the new records of a std::vector<Row>, Row a double beside a vector), in a module without debug
; info: the records are laid out by the typed steps the function stores into the slot it loaded the
; end from (`_M_finish = new_start + n`, a `getelementptr %Row`); steps by bytes say nothing. The
; reverse zeroes each record's double and keeps its vector's three pointers, the shadow's structure.
; It zeroed all 32 bytes: the caller's shadow rows came back empty, and the next gradient through
; them read through null.

; CHECK-LABEL: define internal void @diffe_reverse_append(
; CHECK-NOT: call void @llvm.memset.p0.i64(ptr {{.*}}, i8 0, i64 %
; The new storage's records (laid out by the typed step over it):
; CHECK: memset.adjoint:
; CHECK-NEXT: [[K:%.*]] = phi i64
; CHECK-NEXT: [[RECORD:%.*]] = mul i64 [[K]], 32
; CHECK-NEXT: [[AT:%.*]] = getelementptr inbounds i8, ptr {{%.*}}, i64 [[RECORD]]
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 1 [[AT]], i8 0, i64 8, i1 false)
; The records past the end, within the capacity (laid out by the step stored beside the end):
; CHECK: memset.adjoint{{[0-9]+}}:
; CHECK-NEXT: [[K2:%.*]] = phi i64
; CHECK-NEXT: [[RECORD2:%.*]] = mul i64 [[K2]], 32
; CHECK-NEXT: [[AT2:%.*]] = getelementptr inbounds i8, ptr {{%.*}}, i64 [[RECORD2]]
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 1 [[AT2]], i8 0, i64 8, i1 false)
; CHECK-NOT: call void @llvm.memset.p0.i64(ptr {{.*}}, i8 0, i64 %
; CHECK: ret void

%Row = type { double, %Vector }
%Vector = type { ptr, ptr, ptr }

declare ptr @malloc(i64)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
declare void @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32
@enzyme_const = external global i32

; rows: {begin, end, capacity}; appends n value-initialized records, within the capacity or in new
; storage; returns the first record's double times x.
define double @append(ptr %rows, ptr %x, i64 %n) {
entry:
  %endslot = getelementptr inbounds i8, ptr %rows, i64 8
  %end = load ptr, ptr %endslot
  %capslot = getelementptr inbounds i8, ptr %rows, i64 16
  %cap = load ptr, ptr %capslot
  %bytes = mul nuw i64 %n, 32
  %room = ptrtoint ptr %cap to i64
  %at = ptrtoint ptr %end to i64
  %left = sub i64 %room, %at
  %fits = icmp uge i64 %left, %bytes
  br i1 %fits, label %inplace, label %grow

inplace:
  call void @llvm.memset.p0.i64(ptr %end, i8 0, i64 %bytes, i1 false)
  %newend = getelementptr i8, ptr %end, i64 %bytes
  store ptr %newend, ptr %endslot
  br label %done

grow:
  %block = call ptr @malloc(i64 %bytes)
  call void @llvm.memset.p0.i64(ptr %block, i8 0, i64 %bytes, i1 false)
  store ptr %block, ptr %rows
  %last = getelementptr inbounds %Row, ptr %block, i64 %n
  store ptr %last, ptr %endslot
  store ptr %last, ptr %capslot
  br label %done

done:
  %first = load ptr, ptr %rows
  %v = load double, ptr %x
  %w = load double, ptr %first
  %r = fmul double %v, %w
  ret double %r
}

define void @caller(ptr %rows, ptr %drows, ptr %x, ptr %dx, i64 %n) {
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @append, i32 %d, ptr %rows, ptr %drows, i32 %d, ptr %x, ptr %dx, i32 %c, i64 %n)
  ret void
}
