; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Doubles moved through integer words (`memcpy(&w[i].bits, &x[i], 8)` into a
; `struct { uint64_t bits; }`, the structs copied into another array in a new order, each read
; back with `memcpy`): the copies between the arrays declare integers (clang's `long` tag, the
; struct's field), so their shadows mirrored the values; forward mode gave the values themselves
; as tangents and reverse mode lost the adjoints, silently. Where the function reads or writes the
; words it copies as floating-point values of the copy's width, at the same word of the records an
; index steps through, and nothing but copies uses them otherwise, the copy moves those values
; (`FloatsReadBack`). A word also read as an integer, or beside the float in a record, keeps its type.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

; The words reversed, read back as doubles.
define double @reversed(ptr %x, i64 %n) {
entry:
  %w = alloca [16 x { i64 }], align 16
  %v = alloca [16 x { i64 }], align 16
  %bytes = shl i64 %n, 3
  call void @llvm.memcpy.p0.p0.i64(ptr align 16 %w, ptr align 8 %x, i64 %bytes, i1 false)
  br label %copy

copy:
  %i = phi i64 [ 0, %entry ], [ %i.next, %copy ]
  %to = getelementptr inbounds { i64 }, ptr %v, i64 %i
  %back = sub i64 %n, %i
  %last = add i64 %back, -1
  %from = getelementptr inbounds { i64 }, ptr %w, i64 %last
  %word = load i64, ptr %from, align 8, !tbaa !3
  store i64 %word, ptr %to, align 8, !tbaa !3
  %i.next = add i64 %i, 1
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %copy, label %sum

sum:
  %j = phi i64 [ 0, %copy ], [ %j.next, %sum ]
  %s = phi double [ 0.0, %copy ], [ %s.next, %sum ]
  %at = getelementptr inbounds { i64 }, ptr %v, i64 %j
  %d = load double, ptr %at, align 8
  %dd = fmul double %d, %d
  %s.next = fadd double %s, %dd
  %j.next = add i64 %j, 1
  %again = icmp ult i64 %j.next, %n
  br i1 %again, label %sum, label %done

done:
  ret double %s.next
}

; CHECK-LABEL: define double @reversed(
; CHECK: copy:
; CHECK: [[WORD:%.*]] = load double, ptr %from, align 8{{$}}
; CHECK-NEXT: store double [[WORD]], ptr %to, align 8{{$}}
; CHECK: sum:

; Records of a word and an integer weight: the word is read back as a double, the weight as an
; integer. The word's copy moves a double, the weight's an integer.
define double @records(ptr %x, ptr %r, i64 %n) {
entry:
  %t = alloca [16 x { i64, i32 }], align 16
  br label %copy

copy:
  %i = phi i64 [ 0, %entry ], [ %i.next, %copy ]
  %from = getelementptr inbounds { i64, i32 }, ptr %r, i64 %i
  %to = getelementptr inbounds { i64, i32 }, ptr %t, i64 %i
  %word = load i64, ptr %from, align 8, !tbaa !3
  store i64 %word, ptr %to, align 8, !tbaa !3
  %weight.from = getelementptr inbounds i8, ptr %from, i64 8
  %weight.to = getelementptr inbounds i8, ptr %to, i64 8
  %weight = load i32, ptr %weight.from, align 8, !tbaa !6
  store i32 %weight, ptr %weight.to, align 8, !tbaa !6
  %i.next = add i64 %i, 1
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %copy, label %sum

sum:
  %j = phi i64 [ 0, %copy ], [ %j.next, %sum ]
  %s = phi double [ 0.0, %copy ], [ %s.next, %sum ]
  %at = getelementptr inbounds { i64, i32 }, ptr %t, i64 %j
  %d = load double, ptr %at, align 8
  %w.at = getelementptr inbounds i8, ptr %at, i64 8
  %w = load i32, ptr %w.at, align 8, !tbaa !6
  %wf = sitofp i32 %w to double
  %dw = fmul double %d, %wf
  %s.next = fadd double %s, %dw
  %j.next = add i64 %j, 1
  %again = icmp ult i64 %j.next, %n
  br i1 %again, label %sum, label %done

done:
  ret double %s.next
}

; CHECK-LABEL: define double @records(
; CHECK: copy:
; CHECK: [[WORD:%.*]] = load double, ptr %from, align 8{{$}}
; CHECK-NEXT: store double [[WORD]], ptr %to, align 8{{$}}
; CHECK: %weight = load i32, ptr %weight.from, align 8, !tbaa
; CHECK-NEXT: store i32 %weight, ptr %weight.to, align 8, !tbaa
; CHECK: sum:

; Floats through 32-bit words: the copy moves a float.
define double @narrowed(ptr %w, i64 %n) {
entry:
  %v = alloca [16 x i32], align 16
  br label %copy

copy:
  %i = phi i64 [ 0, %entry ], [ %i.next, %copy ]
  %from = getelementptr inbounds i32, ptr %w, i64 %i
  %to = getelementptr inbounds i32, ptr %v, i64 %i
  %word = load i32, ptr %from, align 4, !tbaa !6
  store i32 %word, ptr %to, align 4, !tbaa !6
  %i.next = add i64 %i, 1
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %copy, label %read

read:
  %f = load float, ptr %v, align 16
  %d = fpext float %f to double
  ret double %d
}

; CHECK-LABEL: define double @narrowed(
; CHECK: [[WORD:%.*]] = load float, ptr %from, align 4{{$}}
; CHECK-NEXT: store float [[WORD]], ptr %to, align 4{{$}}

; The words are also read as integers (their bits hashed): they stay integer copies.
define double @hashed(ptr %w, ptr %hash, i64 %n) {
entry:
  %v = alloca [16 x i64], align 16
  br label %copy

copy:
  %i = phi i64 [ 0, %entry ], [ %i.next, %copy ]
  %from = getelementptr inbounds i64, ptr %w, i64 %i
  %to = getelementptr inbounds i64, ptr %v, i64 %i
  %word = load i64, ptr %from, align 8, !tbaa !3
  store i64 %word, ptr %to, align 8, !tbaa !3
  %i.next = add i64 %i, 1
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %copy, label %read

read:
  %at = getelementptr inbounds i64, ptr %v, i64 %n
  %bits = load i64, ptr %at, align 8, !tbaa !3
  %mixed = mul i64 %bits, 31
  store i64 %mixed, ptr %hash, align 8, !tbaa !3
  %d = load double, ptr %v, align 16
  ret double %d
}

; CHECK-LABEL: define double @hashed(
; CHECK: %word = load i64, ptr %from, align 8, !tbaa
; CHECK-NEXT: store i64 %word, ptr %to, align 8, !tbaa

; Untagged (`-fno-strict-aliasing`) words of an `int64_t` array swapped in pairs, as a split vector
; copy leaves them: the second word is addressed as a byte offset, which declares nothing itself;
; the array under it declares integers, so the copies are integer copies, read back as doubles.
define double @swapped(ptr %x, i64 %n) {
entry:
  %a = alloca [16 x i64], align 16
  %bytes = shl i64 %n, 3
  call void @llvm.memcpy.p0.p0.i64(ptr align 16 %a, ptr align 8 %x, i64 %bytes, i1 false)
  br label %swap

swap:
  %i = phi i64 [ 0, %entry ], [ %i.next, %swap ]
  %first = getelementptr inbounds i64, ptr %a, i64 %i
  %second = getelementptr inbounds i8, ptr %first, i64 8
  %u = load i64, ptr %first, align 16
  %v = load i64, ptr %second, align 8
  store i64 %v, ptr %first, align 16
  store i64 %u, ptr %second, align 8
  %i.next = add i64 %i, 2
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %swap, label %sum

sum:
  %j = phi i64 [ 0, %swap ], [ %j.next, %sum ]
  %s = phi double [ 0.0, %swap ], [ %s.next, %sum ]
  %at = getelementptr inbounds i64, ptr %a, i64 %j
  %d = load double, ptr %at, align 8
  %s.next = fadd double %s, %d
  %j.next = add i64 %j, 1
  %again = icmp ult i64 %j.next, %n
  br i1 %again, label %sum, label %done

done:
  ret double %s.next
}

; CHECK-LABEL: define double @swapped(
; CHECK: swap:
; CHECK: [[U:%.*]] = load double, ptr %first, align 16{{$}}
; CHECK: [[V:%.*]] = load double, ptr %second, align 8{{$}}
; CHECK: store double [[V]], ptr %first, align 16{{$}}
; CHECK: store double [[U]], ptr %second, align 8{{$}}
; CHECK: sum:

define void @caller(ptr %x, ptr %dx, ptr %r, ptr %dr, ptr %w, ptr %dw, ptr %hash, ptr %dhash, i64 %n) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @reversed, ptr %x, ptr %dx, i64 %n)
  call double (ptr, ...) @__enzyme_autodiff(ptr @records, ptr %x, ptr %dx, ptr %r, ptr %dr, i64 %n)
  call double (ptr, ...) @__enzyme_autodiff(ptr @narrowed, ptr %w, ptr %dw, i64 %n)
  call double (ptr, ...) @__enzyme_autodiff(ptr @swapped, ptr %x, ptr %dx, i64 %n)
  call double (ptr, ...) @__enzyme_autodiff(ptr @hashed, ptr %w, ptr %dw, ptr %hash, ptr %dhash, i64 %n)
  ret void
}

!0 = !{!"Simple C TBAA"}
!1 = !{!"omnipotent char", !0, i64 0}
!2 = !{!"long", !1, i64 0}
!3 = !{!2, !2, i64 0}
!5 = !{!"int", !1, i64 0}
!6 = !{!5, !5, i64 0}
