; A call of a defined function returning an address as an integer, made a pointer again by the
; caller (Swift's Optional of a class reference returned as i64, a C helper returning uintptr_t),
; becomes a call of `<callee>.pointer`, the callee inlined into a function returning the pointer,
; where instcombine folds the round trip (AddressesReturnedAsIntegers): the pointer's shadow comes
; back with it, as for any returned pointer. It was refused ("returns as an integer is made a
; pointer again").
; RUN: %swad-opt --pre-passes '' -O0 %s -S | FileCheck %s

; CHECK-LABEL: define double @f(
; CHECK:         call ptr @address_of_second.pointer(ptr %x)
; CHECK-NOT:     inttoptr
; CHECK-LABEL: define internal { ptr, ptr } @augmented_address_of_second.pointer(
; CHECK:         %result.i = phi ptr [ %second.i, %some.i ], [ null, %none.i ]
; CHECK-NEXT:    %"'result.i" = phi ptr [ %"'second.i", %some.i ], [ null, %none.i ]

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; The address of p[1], or 0 when p is null, as an integer.
define i64 @address_of_second(ptr %p) noinline {
entry:
  %null = icmp eq ptr %p, null
  br i1 %null, label %none, label %some
some:
  %second = getelementptr inbounds double, ptr %p, i64 1
  %integer = ptrtoint ptr %second to i64
  br label %done
none:
  br label %done
done:
  %result = phi i64 [ %integer, %some ], [ 0, %none ]
  ret i64 %result
}

; x[1]²
define double @f(ptr %x) {
  %address = call i64 @address_of_second(ptr %x)
  %second = inttoptr i64 %address to ptr
  %v = load double, ptr %second
  %square = fmul double %v, %v
  ret double %square
}

declare double @__enzyme_autodiff(ptr, ...)

define double @gradient(ptr %x, ptr %dx) {
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx)
  ret double %r
}
