; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; An array of records `{double u; i8 tag; i1 on; double w}` (24 bytes) filled at variable indices,
; then one record's `tag` copied over another's as a byte (Swift's `swapAt` copies the fields
; one by one). Doubles are stored at variable offsets into the array, but all at 0 or 16 plus a
; multiple of 24, and the byte is at 8 plus a multiple of 24: it lies beside the doubles, not in
; one, and moves with its shadow byte. Reverse mode refused it as a double copied byte by byte.

%Record = type <{ double, i8, i1, [6 x i8], double }>

declare double @__enzyme_autodiff(ptr, ...)
declare ptr @malloc(i64)
declare void @free(ptr)

define double @f(ptr %p) {
entry:
  %buffer = call ptr @malloc(i64 72)
  br label %fill

fill:
  %i = phi i64 [ 0, %entry ], [ %next, %fill ]
  %x = load double, ptr %p, align 8
  %scaled = fmul double %x, 2.0
  %u = getelementptr inbounds %Record, ptr %buffer, i64 %i, i32 0
  store double %x, ptr %u, align 8
  %tag = getelementptr inbounds %Record, ptr %buffer, i64 %i, i32 1
  store i8 7, ptr %tag, align 8
  %w = getelementptr inbounds %Record, ptr %buffer, i64 %i, i32 4
  store double %scaled, ptr %w, align 8
  %next = add i64 %i, 1
  %more = icmp ult i64 %next, 3
  br i1 %more, label %fill, label %copy

copy:
  %from = getelementptr inbounds i8, ptr %buffer, i64 8
  %byte = load i8, ptr %from, align 8
  %to = getelementptr inbounds i8, ptr %buffer, i64 56
  store i8 %byte, ptr %to, align 8
  %last.w = getelementptr inbounds i8, ptr %buffer, i64 64
  %a = load double, ptr %last.w, align 8
  %b = load double, ptr %buffer, align 8
  %r = fmul double %a, %b
  call void @free(ptr %buffer)
  ret double %r
}

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %p, ptr %dp)
  ret void
}

; CHECK-LABEL: define internal double @augmented_f(
; The byte moves with its shadow byte.
; CHECK: [[BYTE:%.*]] = load i8, ptr [[FROM:%.*]], align 8
; CHECK: [[SHADOWBYTE:%.*]] = load i8, ptr
; CHECK: store i8 [[BYTE]], ptr
; CHECK: store i8 [[SHADOWBYTE]], ptr
