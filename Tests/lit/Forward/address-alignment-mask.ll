; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A hand-aligned heap block (Eigen's handmade_aligned_malloc for 32- and 64-byte packets): malloc
; size + 64, round the address up through an integer (`and` with a mask, `add`), keep the original
; pointer just below. The shadow gets the same arithmetic on its own block, so the aligned shadow
; lies inside the shadow block and the original shadow pointer is stored just below it.

declare ptr @malloc(i64)
declare double @__enzyme_fwddiff(ptr, ...)

define ptr @aligned_malloc(i64 %size) {
entry:
  %total = add i64 %size, 64
  %original = call ptr @malloc(i64 %total)
  %address = ptrtoint ptr %original to i64
  %rounded = and i64 %address, -64
  %bumped = add i64 %rounded, 64
  %aligned = inttoptr i64 %bumped to ptr
  %below = getelementptr inbounds i8, ptr %aligned, i64 -8
  store ptr %original, ptr %below
  ret ptr %aligned
}

define double @square_in_block(double %x) {
entry:
  %p = call ptr @aligned_malloc(i64 8)
  store double %x, ptr %p
  %v = load double, ptr %p
  %s = fmul double %v, %v
  ret double %s
}

define double @caller(double %x) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @square_in_block, double %x, double 1.0)
  ret double %t
}

; CHECK-LABEL: define internal { ptr, ptr } @fwddiffealigned_malloc(
; CHECK:      [[ORIGINAL:%.*]] = call ptr @malloc(
; CHECK-NEXT: [[SHADOW:%.*]] = call ptr @swad.block.alloc(
; CHECK:      [[ADDRESS:%.*]] = ptrtoint ptr [[ORIGINAL]] to i64
; CHECK-NEXT: [[SHADOWADDRESS:%.*]] = ptrtoint ptr [[SHADOW]] to i64
; CHECK-NEXT: and i64 [[ADDRESS]], -64
; CHECK-NEXT: [[SHADOWROUNDED:%.*]] = and i64 [[SHADOWADDRESS]], -64
; CHECK:      [[SHADOWBUMPED:%.*]] = add i64 [[SHADOWROUNDED]], 64
; CHECK:      [[SHADOWALIGNED:%.*]] = inttoptr i64 [[SHADOWBUMPED]] to ptr
; CHECK:      [[SHADOWBELOW:%.*]] = getelementptr inbounds i8, ptr [[SHADOWALIGNED]], i64 -8
; CHECK:      store ptr [[SHADOW]], ptr [[SHADOWBELOW]]
