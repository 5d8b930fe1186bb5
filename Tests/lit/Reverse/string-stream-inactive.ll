; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A message formatted with a std::ostringstream in the differentiated function: the stream's
; construction, `str()` and destruction, and the output of the active value into it, are text
; (CXXRuntime.isStringStreamLifetime, isStreamOutput): no derivative code and no shadow stream, as
; for `std::cout <<`. They were refused: no body and no derivative rule.

%stream = type { [376 x i8] }
%string = type { ptr, i64, [16 x i8] }

declare void @_ZNSt7__cxx1119basic_ostringstreamIcSt11char_traitsIcESaIcEEC1Ev(ptr)
declare void @_ZNSt7__cxx1119basic_ostringstreamIcSt11char_traitsIcESaIcEED1Ev(ptr)
declare void @_ZNKSt7__cxx1119basic_ostringstreamIcSt11char_traitsIcESaIcEE3strEv(ptr sret(%string), ptr)
declare ptr @_ZNSo9_M_insertIdEERSoT_(ptr, double)
declare double @__enzyme_autodiff(ptr, ...)

define double @loss(ptr %x) {
entry:
  %os = alloca %stream
  %text = alloca %string
  %v = load double, ptr %x
  %sq = fmul double %v, %v
  call void @_ZNSt7__cxx1119basic_ostringstreamIcSt11char_traitsIcESaIcEEC1Ev(ptr %os)
  %r = call ptr @_ZNSo9_M_insertIdEERSoT_(ptr %os, double %sq)
  call void @_ZNKSt7__cxx1119basic_ostringstreamIcSt11char_traitsIcESaIcEE3strEv(ptr sret(%string) %text, ptr %os)
  call void @_ZNSt7__cxx1119basic_ostringstreamIcSt11char_traitsIcESaIcEED1Ev(ptr %os)
  ret double %sq
}

define double @caller(ptr %x, ptr %dx) {
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @loss, ptr %x, ptr %dx)
  ret double %g
}

; CHECK-LABEL: define internal {{.*}}@augmented_loss(
; CHECK: call void @_ZNSt7__cxx1119basic_ostringstreamIcSt11char_traitsIcESaIcEEC1Ev(ptr %os)
; CHECK-NOT: basic_ostringstream{{.*}}(ptr %"'
; CHECK: call void @_ZNSt7__cxx1119basic_ostringstreamIcSt11char_traitsIcESaIcEED1Ev(ptr %os)
; CHECK-LABEL: define internal void @diffe_reverse_loss(
; CHECK-NOT: ostringstream
; CHECK: ret void
