; -O<n> chooses the post-AD pipeline: -O0 runs nothing, so (with no pre-AD passes either) the stack
; slot below survives; -O1, -O2 and -O3 promote it to a register and fold the arithmetic. -O2 is the
; default.
; RUN: %swad-opt --pre-passes '' -O0 %s -S | FileCheck %s --check-prefix=O0
; RUN: %swad-opt --pre-passes '' -O1 %s -S | FileCheck %s --check-prefix=OPT
; RUN: %swad-opt --pre-passes '' -O2 %s -S | FileCheck %s --check-prefix=OPT
; RUN: %swad-opt --pre-passes '' -O3 %s -S | FileCheck %s --check-prefix=OPT
; RUN: %swad-opt --pre-passes '' %s -S | FileCheck %s --check-prefix=OPT
; The pre-AD simplification runs whatever the post-AD level:
; RUN: %swad-opt -O0 %s -S | FileCheck %s --check-prefix=OPT

; O0-LABEL: define double @through_memory(
; O0:         alloca double
; O0:         store double %x
; O0:         load double
; O0:         fmul double {{.*}}, 1.000000e+00
; O0:         ret double

; OPT-LABEL: define {{.*}}double @through_memory(
; OPT-NOT:     alloca
; OPT-NOT:     fmul
; OPT:         ret double %x
define double @through_memory(double %x) {
entry:
  %slot = alloca double
  store double %x, ptr %slot
  %v = load double, ptr %slot
  %r = fmul double %v, 1.0
  ret double %r
}
