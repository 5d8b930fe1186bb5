; --vector-library=swad leaves a call of tanh alone where the library's function itself is asked
; for or the arithmetic would not belong: a callee with a body of the program's own, a `nobuiltin`
; call, clang's -fno-builtin-tanhf and -fno-builtin (no-builtins), a call with operand bundles, and
; calls in strictfp, minsize, optsize and optnone functions. The same call elsewhere becomes the
; kernel (@replaced).
; RUN: %swad-opt --vector-library=swad --pre-passes '' --passes=verify %s -S | FileCheck %s

; CHECK-LABEL: define double @own(
; CHECK-NEXT:    %t = call double @tanh(double %x)
; CHECK-LABEL: define float @nobuiltin(
; CHECK-NEXT:    %t = call float @tanhf(float %x) #[[NOBUILTIN:[0-9]+]]
; CHECK-LABEL: define float @no_builtin_tanhf(
; CHECK-NEXT:    %t = call float @tanhf(float %x)
; CHECK-LABEL: define float @no_builtins(
; CHECK-NEXT:    %t = call float @tanhf(float %x)
; CHECK-LABEL: define float @bundle(
; CHECK-NEXT:    %t = call float @tanhf(float %x) {{(#[0-9]+ )?}}[ "deopt"() ]
; CHECK-LABEL: define float @strict(
; CHECK-NEXT:    %t = call float @tanhf(float %x) #[[STRICT:[0-9]+]]
; CHECK-LABEL: define float @small(
; CHECK-NEXT:    %t = call float @tanhf(float %x)
; CHECK-LABEL: define float @compact(
; CHECK-NEXT:    %t = call float @tanhf(float %x)
; CHECK-LABEL: define float @unoptimized(
; CHECK-NEXT:    %t = call float @tanhf(float %x)
; CHECK-LABEL: define float @replaced(
; CHECK-NOT:     call float @tanhf
; CHECK:         call double @llvm.copysign.f64(
; CHECK-DAG:     attributes #[[NOBUILTIN]] = { nobuiltin{{[ }]}}
; CHECK-DAG:     attributes #[[STRICT]] = { strictfp{{[ }]}}

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define double @tanh(double %x) {
  ret double %x
}

define double @own(double %x) {
  %t = call double @tanh(double %x)
  ret double %t
}

define float @nobuiltin(float %x) {
  %t = call float @tanhf(float %x) nobuiltin
  ret float %t
}

define float @no_builtin_tanhf(float %x) "no-builtin-tanhf" {
  %t = call float @tanhf(float %x)
  ret float %t
}

define float @no_builtins(float %x) "no-builtins" {
  %t = call float @tanhf(float %x)
  ret float %t
}

define float @bundle(float %x) {
  %t = call float @tanhf(float %x) [ "deopt"() ]
  ret float %t
}

define float @strict(float %x) strictfp {
  %t = call float @tanhf(float %x) strictfp
  ret float %t
}

define float @small(float %x) minsize {
  %t = call float @tanhf(float %x)
  ret float %t
}

define float @compact(float %x) optsize {
  %t = call float @tanhf(float %x)
  ret float %t
}

define float @unoptimized(float %x) noinline optnone {
  %t = call float @tanhf(float %x)
  ret float %t
}

define float @replaced(float %x) {
  %t = call float @tanhf(float %x)
  ret float %t
}

declare float @tanhf(float)
