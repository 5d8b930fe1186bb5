; RUN: %swad-opt %s --pre-passes '' -O0 -S | FileCheck %s
; The shadow of a Swift array's storage made by the standard library's
; `_allocateBufferUninitialized` keeps the header the call initialized: the object header, and the
; count and capacity after it (the capacity from the block's usable size, which the caller never
; stores). Only the elements are zeroed. Zeroed with them, the shadow's capacity was 0, and the
; standard library's growth run on the shadow made its new buffer smaller than the primal's: the
; appends the primal found room for wrote past the shadow's end (a crash in both modes). Storage
; from `swift_allocObject`, whose caller writes the header, is zeroed after the object header.

declare swiftcc ptr @"$sSa28_allocateBufferUninitialized15minimumCapacitys016_ContiguousArrayB0VyxGSi_tFZ"(i64, ptr)
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(ptr %p) {
entry:
  %storage = call swiftcc ptr @"$sSa28_allocateBufferUninitialized15minimumCapacitys016_ContiguousArrayB0VyxGSi_tFZ"(i64 2, ptr null)
  %count = getelementptr inbounds i8, ptr %storage, i64 16
  store i64 1, ptr %count, align 8
  %x = load double, ptr %p, align 8
  %element = getelementptr inbounds i8, ptr %storage, i64 32
  store double %x, ptr %element, align 8
  %y = load double, ptr %element, align 8
  %r = fmul double %y, %y
  ret double %r
}

define double @caller(ptr %p, ptr %dp) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %p, ptr %dp)
  ret double %t
}

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK: [[PRIMAL:%.*]] = call swiftcc ptr @"$sSa28_allocateBufferUninitialized15minimumCapacitys016_ContiguousArrayB0VyxGSi_tFZ"(i64 2, ptr null)
; The shadow asks for at least the primal's capacity (Support/ShadowAllocation.swift).
; CHECK-NEXT: [[AT:%.*]] = getelementptr inbounds i8, ptr [[PRIMAL]], i64 24
; CHECK-NEXT: [[FLAGS:%.*]] = load i64, ptr [[AT]]
; CHECK-NEXT: [[CAPACITY:%.*]] = lshr i64 [[FLAGS]], 1
; CHECK-NEXT: [[MORE:%.*]] = icmp ugt i64 [[CAPACITY]], 2
; CHECK-NEXT: [[ASKED:%.*]] = select i1 [[MORE]], i64 [[CAPACITY]], i64 2
; CHECK-NEXT: [[SHADOW:%.*]] = call swiftcc ptr @"$sSa28_allocateBufferUninitialized15minimumCapacitys016_ContiguousArrayB0VyxGSi_tFZ"(i64 [[ASKED]], ptr null)
; CHECK-NEXT: [[USABLE:%.*]] = call i64 @malloc_usable_size(ptr [[SHADOW]])
; CHECK-NEXT: [[PAST:%.*]] = icmp ugt i64 [[USABLE]], 32
; CHECK-NEXT: [[REST:%.*]] = sub i64 [[USABLE]], 32
; CHECK-NEXT: [[LENGTH:%.*]] = select i1 [[PAST]], i64 [[REST]], i64 0
; CHECK-NEXT: [[ELEMENTS:%.*]] = getelementptr inbounds i8, ptr [[SHADOW]], i64 32
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr {{.*}}[[ELEMENTS]], i8 0, i64 [[LENGTH]], i1 false)
