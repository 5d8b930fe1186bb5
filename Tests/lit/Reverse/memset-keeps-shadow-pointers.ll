; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The reverse of a memset zeroes the shadow of the bytes set, the adjoints of the values they held,
; but not the bytes where the function's accesses put pointers afterwards: their shadow is the
; shadow's structure (a std::vector's header zeroed, then given its storage, in a row made in a
; duplicated vector of vectors), which the caller's shadow keeps. Here a record {ptr, double, ptr}
; zeroed whole: the reverse zeroes the double's 8 bytes alone. It zeroed all 24, and the caller's
; shadow row came back empty, its storage leaked.

; CHECK-LABEL: define internal void @diffe_reverse_make(
; CHECK: [[MIDDLE:%.*]] = getelementptr inbounds i8, ptr {{%.*}}, i64 8
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 1 [[MIDDLE]], i8 0, i64 8, i1 false)
; CHECK-NOT: @llvm.memset
; CHECK: ret void

declare ptr @malloc(i64)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
declare void @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32

define double @make(ptr %record, ptr %x) {
  call void @llvm.memset.p0.i64(ptr %record, i8 0, i64 24, i1 false)
  %storage = call ptr @malloc(i64 16)
  store ptr %storage, ptr %record
  %v = load double, ptr %x
  %w = fmul double %v, %v
  %middle = getelementptr inbounds i8, ptr %record, i64 8
  store double %w, ptr %middle
  %end = getelementptr inbounds i8, ptr %storage, i64 16
  %last = getelementptr inbounds i8, ptr %record, i64 16
  store ptr %end, ptr %last
  store double %v, ptr %storage
  %back = load double, ptr %middle
  ret double %back
}

define void @caller(ptr %record, ptr %drecord, ptr %x, ptr %dx) {
  %m = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @make, i32 %m, ptr %record, ptr %drecord, i32 %m, ptr %x, ptr %dx)
  ret void
}
