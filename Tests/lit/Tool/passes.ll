; --passes replaces the post-AD -O<n> pipeline with any new-pass-manager pipeline, whatever -O<n> says.
; instcombine alone folds the multiplication by one but, unlike -O2, does not inline; the inliner alone
; inlines but does not fold.
; RUN: %swad-opt --pre-passes '' --passes=instcombine %s -S | FileCheck %s --check-prefix=INSTCOMBINE
; RUN: %swad-opt --pre-passes '' --passes instcombine -O3 %s -S | FileCheck %s --check-prefix=INSTCOMBINE
; RUN: %swad-opt --pre-passes '' '--passes=function(instcombine)' %s -S | FileCheck %s --check-prefix=INSTCOMBINE
; RUN: %swad-opt --pre-passes '' --passes=always-inline %s -S | FileCheck %s --check-prefix=INLINE
; RUN: %swad-opt --pre-passes '' -O2 %s -S | FileCheck %s --check-prefix=O2

; INSTCOMBINE-LABEL: define double @caller(
; INSTCOMBINE-NEXT:    [[R:%.*]] = call double @twice(double %x)
; INSTCOMBINE-NEXT:    ret double [[R]]

; INLINE-NOT:     @twice
; INLINE-LABEL: define double @caller(
; INLINE-NEXT:    [[R:%.*]] = fmul double %x, 2.000000e+00
; INLINE-NEXT:    [[S:%.*]] = fmul double [[R]], 1.000000e+00
; INLINE-NEXT:    ret double [[S]]

; O2-NOT:       @twice
; O2-LABEL:     define {{.*}}double @caller(
; O2-NEXT:        [[R:%.*]] = fmul double %x, 2.000000e+00
; O2-NEXT:        ret double [[R]]

define internal double @twice(double %x) alwaysinline {
  %r = fmul double %x, 2.0
  ret double %r
}

define double @caller(double %x) {
  %r = call double @twice(double %x)
  %s = fmul double %r, 1.0
  ret double %s
}
