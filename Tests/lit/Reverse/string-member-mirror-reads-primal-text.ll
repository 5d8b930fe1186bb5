; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A std::string member run again on a shadow string (`_M_replace`, `_M_assign`: a name beside the
; weights keeps a valid shadow string) reads the characters it is given through a `const char *`
; from the primal: text has no derivative, and the shadow of the characters may be no string at
; all. `os.str()` inlined at -O2 copies from a string stream's buffer, whose object has a shadow
; that nothing constructs: the mirrored copy read from a null pointer and crashed both modes. Other
; pointers stay shadows: `swap` changes its argument, `_Alloc_hider(char *)` takes the string's own
; buffer.
declare ptr @_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE10_M_replaceEmmPKcm(ptr, i64, i64, ptr, i64)
declare ptr @_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE4swapERS4_(ptr, ptr)
declare double @__enzyme_fwddiff(ptr, ...)
declare double @__enzyme_autodiff(ptr, ...)

define double @named(ptr %model, ptr %text, i64 %n, ptr %other) {
  %name = getelementptr i8, ptr %model, i64 8
  %r = call ptr @_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE10_M_replaceEmmPKcm(ptr %name, i64 0, i64 0, ptr %text, i64 %n)
  call ptr @_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE4swapERS4_(ptr %name, ptr %other)
  %w = load double, ptr %model
  %y = fmul double %w, %w
  ret double %y
}

define double @tangent(ptr %m, ptr %dm, ptr %t, ptr %dt, i64 %n, ptr %o, ptr %do) {
  %d = call double (ptr, ...) @__enzyme_fwddiff(ptr @named, ptr %m, ptr %dm, ptr %t, ptr %dt, i64 %n, ptr %o, ptr %do)
  ret double %d
}

define double @gradient(ptr %m, ptr %dm, ptr %t, ptr %dt, i64 %n, ptr %o, ptr %do) {
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @named, ptr %m, ptr %dm, ptr %t, ptr %dt, i64 %n, ptr %o, ptr %do)
  ret double %d
}

; CHECK-LABEL: define internal { double, double } @fwddiffenamed(
; CHECK: call ptr @_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE10_M_replaceEmmPKcm(ptr %name, i64 0, i64 0, ptr %text, i64 %n)
; CHECK: call ptr @_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE10_M_replaceEmmPKcm(ptr %"'name", i64 0, i64 0, ptr %text, i64 %n)
; CHECK: call ptr @_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE4swapERS4_(ptr %"'name", ptr %"'other")

; CHECK-LABEL: define internal double @augmented_named(
; CHECK: call ptr @_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE10_M_replaceEmmPKcm(ptr %"'name", i64 0, i64 0, ptr %text, i64 %n)
; CHECK: call ptr @_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE4swapERS4_(ptr %"'name", ptr %"'other")
