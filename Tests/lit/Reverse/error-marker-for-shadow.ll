; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; A marker where a shadow is expected (`enzyme_dup, x, enzyme_const, n`: the shadow forgotten) is an
; error naming the call argument and the shadow it stands in for, not a marker taken as a pointer
; (which ended as an undefined symbol at link time).

@enzyme_dup = external global i32
@enzyme_const = external global i32
declare void @__enzyme_autodiff(ptr, ...)

define void @f(ptr %x, i32 %n) {
entry:
  %v = load double, ptr %x
  %r = fmul double %v, %v
  store double %r, ptr %x
  ret void
}

define void @caller(ptr %x, i32 %n) {
entry:
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %x, i32 %c, i32 %n)
  ret void
}

; CHECK: swad-opt: error: in function 'caller': call argument 4 is the marker 'enzyme_const' where the shadow
; CHECK-SAME: of argument 1 of 'f' (ptr) was expected; enzyme_dup takes the value, then its shadow
