; Textual IR in, textual IR out. With no passes at all the functions come back as written, and the
; output reads back to the same text (a fixed point); with the default pipelines it is still valid IR.
; RUN: %swad-opt --pre-passes '' -O0 -S < %s > %t.1.ll
; RUN: FileCheck %s --input-file=%t.1.ll
; RUN: %swad-opt --pre-passes '' -O0 -S < %t.1.ll > %t.2.ll
; RUN: diff %t.1.ll %t.2.ll
; RUN: %swad-opt %s -S | %opt -passes=verify -disable-output

@scale = global double 2.5

; CHECK-LABEL: define double @axpy(
; CHECK-SAME:    double %a, double %x, double %y)
; CHECK-NEXT:  entry:
; CHECK-NEXT:    [[AX:%.*]] = fmul double %a, %x
; CHECK-NEXT:    [[R:%.*]] = fadd double [[AX]], %y
; CHECK-NEXT:    ret double [[R]]
define double @axpy(double %a, double %x, double %y) {
entry:
  %ax = fmul double %a, %x
  %r = fadd double %ax, %y
  ret double %r
}

; CHECK-LABEL: define double @scaled(
; CHECK:         load double, ptr @scale
; CHECK:         fmul double
define double @scaled(double %x) {
entry:
  %s = load double, ptr @scale
  %r = fmul double %s, %x
  ret double %r
}
