; Swift records `{ptr values; double weight}` at offsets that say nothing modulo the record's size
; (run-time values), swapped with a 16-byte memcpy. Nothing
; lays the copy out: no access at a known offset in its range, no declared type, no common stride.
; The memory's first access (a pointer) was taken for the whole copy, and Swift's copies are not
; checked at run time (an object's header holds its reference count): the weights' adjoints stayed
; behind, silently. Since the function reads the memory both as pointers and as doubles, such a
; guess is refused now, naming the function.
; RUN: not %swad-opt %s --pre-passes '' -o /dev/null 2>&1 | FileCheck %s

; CHECK: error: in function 'swap ($s4swap)': cannot differentiate in reverse mode this copy of records whose bytes nothing lays out

declare double @__enzyme_autodiff(ptr, ...)
declare ptr @malloc(i64)
declare ptr @"$s6values"(i64)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define swiftcc double @"$s4swap"(ptr %p, i64 %first.at, i64 %size) {
entry:
  %rows = call ptr @malloc(i64 48)
  %row.0 = getelementptr inbounds i8, ptr %rows, i64 %first.at
  %v0 = call ptr @"$s6values"(i64 0)
  store ptr %v0, ptr %row.0, align 8
  %w0 = load double, ptr %p, align 8
  %weight.0.at = add i64 %first.at, 8
  %weight.0 = getelementptr inbounds i8, ptr %rows, i64 %weight.0.at
  store double %w0, ptr %weight.0, align 8
  %at.p1 = getelementptr inbounds i8, ptr %p, i64 8
  %w1 = load double, ptr %at.p1, align 8
  %row.1.at = add i64 %first.at, %size
  %row.1 = getelementptr inbounds i8, ptr %rows, i64 %row.1.at
  %v1 = call ptr @"$s6values"(i64 1)
  store ptr %v1, ptr %row.1, align 8
  %weight.1.at = add i64 %row.1.at, 8
  %weight.1 = getelementptr inbounds i8, ptr %rows, i64 %weight.1.at
  store double %w1, ptr %weight.1, align 8
  %less = fcmp olt double %w1, %w0
  br i1 %less, label %swap, label %done

swap:
  %vj = load ptr, ptr %row.1, align 8
  call void @llvm.memcpy.p0.p0.i64(ptr %row.1, ptr %row.0, i64 16, i1 false)
  store ptr %vj, ptr %row.0, align 8
  store double %w1, ptr %weight.0, align 8
  br label %done

done:
  %first = load double, ptr %weight.0, align 8
  %second = load double, ptr %weight.1, align 8
  %second.x = fmul double %second, 1.000000e+01
  %sum = fadd double %first, %second.x
  ret double %sum
}

define void @caller(ptr %p, ptr %dp) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @"$s4swap", ptr %p, ptr %dp, i64 0, i64 16)
  ret void
}
