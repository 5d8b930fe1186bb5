; A library function with no rule that people call on active data gets an error that says what to
; write instead, not the generic advice to register a derivative: here macOS's qsort_r, whose
; context comes before the comparison (swad differentiates glibc's qsort_r, Reverse/sort-qsort.ll,
; and qsort). Runtime/Reverse/sort-in-program.c checks the advice to sort in the program.
; RUN: not %swad-opt %s -o %t.out.bc 2>&1 | FileCheck %s
; RUN: not test -e %t.out.bc
; CHECK: swad-opt: error: in function 'largest': cannot differentiate a call of 'qsort_r': qsort_r differs between C libraries (BSD's and macOS's take the context before the comparison) and swad differentiates glibc's, on Linux; call qsort (differentiated on every target), write the sort in the program (its swaps move the values and their derivatives), or sort outside the differentiated function

target triple = "x86_64-apple-macosx14.0.0"

declare void @qsort_r(ptr, i64, i64, ptr, ptr)
declare double @__enzyme_autodiff(ptr, ...)
@enzyme_const = external global i32

define internal i32 @compare_with(ptr %direction, ptr %a, ptr %b) {
  %x = load double, ptr %a
  %y = load double, ptr %b
  %gt = fcmp ogt double %x, %y
  %r = zext i1 %gt to i32
  ret i32 %r
}

define double @largest(ptr %x, i64 %n, ptr %direction) {
  call void @qsort_r(ptr %x, i64 %n, i64 8, ptr %direction, ptr @compare_with)
  %first = load double, ptr %x
  ret double %first
}

define double @gradient(ptr %x, ptr %dx, i64 %n, ptr %direction) {
  %c = load i32, ptr @enzyme_const
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @largest, ptr %x, ptr %dx, i64 %n, i32 %c, ptr %direction)
  ret double %r
}
