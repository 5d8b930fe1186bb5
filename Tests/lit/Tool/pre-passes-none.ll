; --pre-passes '' (or --pre-passes='') runs no pipeline before AD; with -O0 the module then comes
; out as it went in. A pipeline given to --pre-passes replaces the default pre-AD one.
; RUN: %swad-opt --pre-passes '' -O0 %s -S | FileCheck %s --check-prefix=NONE
; RUN: %swad-opt --pre-passes=mem2reg -O0 %s -S | FileCheck %s --check-prefix=MEM2REG
; RUN: %swad-opt -O0 %s -S | FileCheck %s --check-prefix=DEFAULT
; The same, written with '=' as in --passes=...:
; RUN: %swad-opt --pre-passes='' -O0 %s -S | FileCheck %s --check-prefix=NONE

; NONE-LABEL: define double @through_memory(
; NONE:         alloca double
; NONE:         fmul double {{.*}}, 1.000000e+00

; MEM2REG-LABEL: define double @through_memory(
; MEM2REG-NOT:     alloca
; MEM2REG:         fmul double %x, 1.000000e+00

; DEFAULT-LABEL: define {{.*}}double @through_memory(
; DEFAULT-NOT:     alloca
; DEFAULT-NOT:     fmul
; DEFAULT:         ret double %x
define double @through_memory(double %x) {
entry:
  %slot = alloca double
  store double %x, ptr %slot
  %v = load double, ptr %slot
  %r = fmul double %v, 1.0
  ret double %r
}
