; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; RUN: %swad-opt %s -S | FileCheck %s --check-prefix=OPT
; The user's program does not define the marker globals or the entry point: after the transform
; neither the globals, nor loads of them, nor the __enzyme_fwddiff declarations remain.

@enzyme_dup = external global i32
@enzyme_const = external global i32
@enzyme_width = external global i32
declare double @__enzyme_fwddiff(ptr, ...)
declare double @__enzyme_fwddiff_typed(ptr, i32, double, double, i32, double)

define double @f(double %x, double %y) {
entry:
  %r = fmul double %x, %y
  ret double %r
}

define double @caller(double %x, double %dx, double %y) {
entry:
  %d = load i32, ptr @enzyme_dup, align 4
  %c = load i32, ptr @enzyme_const, align 4
  %w = load i32, ptr @enzyme_width, align 4
  %a = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %w, i32 1, i32 %d, double %x, double %dx, i32 %c, double %y)
  %b = call double @__enzyme_fwddiff_typed(ptr @f, i32 %d, double %x, double %dx, i32 %c, double %y)
  %s = fadd double %a, %b
  ret double %s
}

; CHECK-NOT: @enzyme_dup
; CHECK-NOT: @enzyme_const
; CHECK-NOT: @enzyme_width
; CHECK-NOT: __enzyme_fwddiff
; CHECK-LABEL: define double @caller(
; CHECK-NOT: load
; CHECK-NOT: @enzyme_
; CHECK-NOT: __enzyme_fwddiff
; CHECK: ret double
; CHECK-NOT: @enzyme_
; CHECK-NOT: __enzyme_fwddiff

; With the default pipelines too.
; OPT-NOT: enzyme_
; OPT: define {{.*}}double @caller(
; OPT-NOT: enzyme_
