; RUN: %swad-opt %s --pre-passes '' -O0 -S | FileCheck %s
; The shadow of a Swift object's block is at least as large as the primal's. The standard library
; sizes an array's capacity from its block's usable size (`malloc_usable_size`), and malloc may give
; one request a larger block one time than another (a reused free chunk it does not split): a
; sorted array's merge buffer then held more records than its shadow's block, and the shadow writes
; past its end corrupted the heap (Runtime/SwiftAPI/sort-records-in-place.swift, at random). The
; shadow of `swift_allocObject` asks for the primal's usable size when that is more.

declare ptr @swift_allocObject(ptr, i64, i64)
declare double @__enzyme_autodiff(ptr, ...)

define double @"$s1f"(ptr %p) {
entry:
  %object = call ptr @swift_allocObject(ptr null, i64 48, i64 7)
  %x = load double, ptr %p, align 8
  %element = getelementptr inbounds i8, ptr %object, i64 32
  store double %x, ptr %element, align 8
  %y = load double, ptr %element, align 8
  %r = fmul double %y, %y
  ret double %r
}

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @"$s1f", ptr %p, ptr %dp)
  ret void
}

; CHECK-LABEL: define internal {{.*}} @"augmented_$s1f"(
; CHECK: [[PRIMAL:%.*]] = call ptr @swift_allocObject(ptr null, i64 48, i64 7)
; CHECK-NEXT: [[USABLE:%.*]] = call i64 @malloc_usable_size(ptr [[PRIMAL]])
; CHECK-NEXT: [[MORE:%.*]] = icmp ugt i64 [[USABLE]], 48
; CHECK-NEXT: [[ASKED:%.*]] = select i1 [[MORE]], i64 [[USABLE]], i64 48
; CHECK-NEXT: call ptr @swift_allocObject(ptr null, i64 [[ASKED]], i64 7)
