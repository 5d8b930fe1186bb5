; RUN: not %swad-opt %s -O0 --pre-passes '' -S -o /dev/null 2>&1 | FileCheck %s
; An address a helper returns as an integer (`uintptr_t address_of(const double *p)`), made a pointer
; again by the caller, carries no shadow: the loads through it would lose their derivatives without a
; word (found by the fuzzer's pointers-through-integers programs: both modes agreed with each other
; and not with central differences). It is an error naming the helper and the place.
; CHECK: swad-opt: error: in function 'through_address': the address 'address_of' returns as an integer is made a pointer again here

define i64 @address_of(ptr %p) noinline {
  %a = ptrtoint ptr %p to i64
  ret i64 %a
}

define double @through_address(ptr %x) {
  %a = call i64 @address_of(ptr %x)
  %q = inttoptr i64 %a to ptr
  %e = getelementptr inbounds double, ptr %q, i64 3
  %v = load double, ptr %e, align 8
  %r = fmul double %v, %v
  ret double %r
}

declare void @__enzyme_autodiff(ptr, ...)

define void @gradient(ptr %x, ptr %dx) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @through_address, ptr %x, ptr %dx)
  ret void
}
