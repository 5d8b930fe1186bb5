; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The loop vectorizer copies an array of words reversed (`v[i] = w[n - 1 - i]`) as a
; `load <2 x i64>`, a `shufflevector` swapping the pair and a store, and picks every other word of
; an array (`v[m++] = w[i]`, i += 2) as a `load <7 x i32>` and a `shufflevector` of lanes 0, 2, 4,
; 6. Such a copy is split into one copy per element stored, in the order the shuffle gives, so that
; the element copies are followed as any word's copy is: here they move doubles and floats, which
; the function reads back (Types/integer-copies-read-back-as-floats.ll). Vectors of 32-bit words are
; split only where the function reads floats back at the places they copy.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"

declare double @__enzyme_autodiff(ptr, ...)

define double @reversed(ptr %w) {
entry:
  %v = alloca [2 x i64], align 16
  %pair = load <2 x i64>, ptr %w, align 8, !tbaa !3
  %swapped = shufflevector <2 x i64> %pair, <2 x i64> poison, <2 x i32> <i32 1, i32 0>
  store <2 x i64> %swapped, ptr %v, align 16, !tbaa !3
  %a = load double, ptr %v, align 16
  %b.at = getelementptr inbounds i8, ptr %v, i64 8
  %b = load double, ptr %b.at, align 8
  %twice = fmul double %b, 2.0
  %r = fadd double %a, %twice
  ret double %r
}

; CHECK-LABEL: define double @reversed(
; CHECK-NOT: <2 x i64>
; CHECK: [[FIRST:%.*]] = load double, ptr %w, align 8{{$}}
; CHECK: [[AT:%.*]] = getelementptr inbounds i8, ptr %w, i64 8
; CHECK: [[SECOND:%.*]] = load double, ptr [[AT]], align 8{{$}}
; CHECK: store double [[SECOND]], ptr %v, align 16{{$}}
; CHECK: store double [[FIRST]], ptr {{%.*}}, align 8{{$}}
; CHECK: ret double

define double @picked(ptr %w) {
entry:
  %v = alloca [4 x i32], align 16
  %seven = load <7 x i32>, ptr %w, align 16, !tbaa !6
  %even = shufflevector <7 x i32> %seven, <7 x i32> poison, <4 x i32> <i32 0, i32 2, i32 4, i32 6>
  store <4 x i32> %even, ptr %v, align 16, !tbaa !6
  br label %sum

sum:
  %i = phi i64 [ 0, %entry ], [ %i.next, %sum ]
  %s = phi double [ 0.0, %entry ], [ %s.next, %sum ]
  %at = getelementptr inbounds float, ptr %v, i64 %i
  %f = load float, ptr %at, align 4
  %d = fpext float %f to double
  %s.next = fadd double %s, %d
  %i.next = add i64 %i, 1
  %more = icmp ult i64 %i.next, 4
  br i1 %more, label %sum, label %done

done:
  ret double %s.next
}

; Only the elements stored are loaded; the function reads them back as floats in a loop.
; CHECK-LABEL: define double @picked(
; CHECK-NOT: <7 x i32>
; CHECK: [[E0:%.*]] = load float, ptr %w, align 16{{$}}
; CHECK: [[AT2:%.*]] = getelementptr inbounds i8, ptr %w, i64 8
; CHECK: [[E2:%.*]] = load float, ptr [[AT2]], align 4{{$}}
; CHECK: [[AT4:%.*]] = getelementptr inbounds i8, ptr %w, i64 16
; CHECK: [[E4:%.*]] = load float, ptr [[AT4]], align 4{{$}}
; CHECK: [[AT6:%.*]] = getelementptr inbounds i8, ptr %w, i64 24
; CHECK: [[E6:%.*]] = load float, ptr [[AT6]], align 4{{$}}
; CHECK: store float [[E0]], ptr %v, align 16{{$}}
; CHECK: store float [[E2]], ptr {{%.*}}, align 4{{$}}
; CHECK: store float [[E4]], ptr {{%.*}}, align 4{{$}}
; CHECK: store float [[E6]], ptr {{%.*}}, align 4{{$}}
; CHECK: ret double

; Untagged (`-fno-strict-aliasing`) 32-bit words are split where the function reads floats back
; (into untyped word copies, which AD sorts as it meets them), and left whole where nothing says
; they are floats.
define double @untagged(ptr %w, ptr %counts) {
entry:
  %v = alloca [2 x i32], align 16
  %pair = load <2 x i32>, ptr %w, align 8
  %swapped = shufflevector <2 x i32> %pair, <2 x i32> poison, <2 x i32> <i32 1, i32 0>
  store <2 x i32> %swapped, ptr %v, align 8
  %f = load float, ptr %v, align 8
  %d = fpext float %f to double
  %other = getelementptr inbounds i8, ptr %w, i64 64
  %ints = load <2 x i32>, ptr %other, align 8
  store <2 x i32> %ints, ptr %counts, align 8
  ret double %d
}

; CHECK-LABEL: define double @untagged(
; CHECK-NOT: load <2 x i32>, ptr %w
; CHECK: [[FIRST:%.*]] = load i32, ptr %w, align 8{{$}}
; CHECK: [[SECOND:%.*]] = load i32, ptr {{%.*}}, align 4{{$}}
; CHECK: store i32 [[SECOND]], ptr %v, align 8{{$}}
; CHECK: store i32 [[FIRST]], ptr {{%.*}}, align 4{{$}}
; CHECK: %ints = load <2 x i32>, ptr %other, align 8
; CHECK-NEXT: store <2 x i32> %ints, ptr %counts, align 8

define void @caller(ptr %w, ptr %dw, ptr %counts) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @reversed, ptr %w, ptr %dw)
  call double (ptr, ...) @__enzyme_autodiff(ptr @picked, ptr %w, ptr %dw)
  call double (ptr, ...) @__enzyme_autodiff(ptr @untagged, ptr %w, ptr %dw, ptr %counts, ptr %counts)
  ret void
}

!0 = !{!"Simple C TBAA"}
!1 = !{!"omnipotent char", !0, i64 0}
!2 = !{!"long", !1, i64 0}
!3 = !{!2, !2, i64 0}
!5 = !{!"int", !1, i64 0}
!6 = !{!5, !5, i64 0}
