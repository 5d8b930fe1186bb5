; A union of a double and a pointer copied as a char-tagged double (clang declares the union by its
; first member), from an array of unions whose pointers are written at a variable index. Nothing at
; the copied bytes' own offsets says what they are, and the copy stayed a double's: the pointer's
; shadow did not follow. Pointers written anywhere in the memory copied from now make the copy
; ambiguous (Types/CopiedBytes.swift, Types/RetypedCopies.swift), and reverse mode refuses it.
; RUN: not %swad-opt %s --pre-passes '' -o /dev/null 2>&1 | FileCheck %s

; CHECK: error: in function 'choose': cannot differentiate in reverse mode this copy of a floating-point value of memory that holds a pointer for some accesses

%union.Cell = type { double }

define internal void @choose(ptr %out, ptr %from) noinline {
  %bits = load double, ptr %from, align 8, !tbaa !1
  store double %bits, ptr %out, align 8, !tbaa !1
  ret void
}

define internal double @read(ptr %cell) noinline {
  %p = load ptr, ptr %cell, align 8, !tbaa !1
  %v = load double, ptr %p, align 8
  ret double %v
}

define double @f(ptr %x, i64 %which) {
entry:
  %cells = alloca [2 x %union.Cell], align 8
  %chosen = alloca %union.Cell, align 8
  br label %fill
fill:
  %i = phi i64 [ 0, %entry ], [ %next, %fill ]
  %row = getelementptr inbounds double, ptr %x, i64 %i
  %cell = getelementptr inbounds [2 x %union.Cell], ptr %cells, i64 0, i64 %i
  store ptr %row, ptr %cell, align 8, !tbaa !1
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, 2
  br i1 %done, label %use, label %fill
use:
  %picked = getelementptr inbounds [2 x %union.Cell], ptr %cells, i64 0, i64 %which
  call void @choose(ptr %chosen, ptr %picked)
  %v = call double @read(ptr %chosen)
  ret double %v
}

define void @df(ptr %x, ptr %dx, i64 %which) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr @enzyme_dup, ptr %x, ptr %dx, ptr @enzyme_const, i64 %which)
  ret void
}

declare void @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32
@enzyme_const = external global i32

!0 = !{!"omnipotent char", !2, i64 0}
!1 = !{!0, !0, i64 0}
!2 = !{!"Simple C/C++ TBAA"}
