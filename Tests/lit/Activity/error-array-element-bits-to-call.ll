; RUN: not %swad-opt %s -O0 --pre-passes '' -o /dev/null 2>&1 | FileCheck %s
; A Swift `Double?` argument made of an array's element (`putD(&b, p[0])` with `putD` not inlined):
; the element is loaded as an `i64` (instcombine's form of a double loaded and bitcast) and passed to
; the function, which stores it into an array of optionals that the caller reads back as a double.
; Before, the object's header loads (the count, `!range`) hid that the array's elements are read
; as doubles, and the integer was taken for an integer: the gradient of p[0] was silently 0, its
; tangent its own value. A header below the float accesses leaves the elements floats: the bits are
; refused where they reach the call.

declare double @__enzyme_autodiff(ptr, ...)

define void @putD(ptr %slot, i64 %bits) noinline {
  store i64 %bits, ptr %slot
  ret void
}

define double @h(ptr %p, ptr %slot) {
  %count.at = getelementptr inbounds i8, ptr %p, i64 16
  %count = load i64, ptr %count.at, !range !0
  %first.at = getelementptr inbounds i8, ptr %p, i64 32
  %first = load i64, ptr %first.at
  call void @putD(ptr %slot, i64 %first)
  %back = load double, ptr %slot
  %second.at = getelementptr inbounds i8, ptr %p, i64 40
  %second = load double, ptr %second.at
  %y = fmul double %back, %second
  ret double %y
}

define double @gradient(ptr %p, ptr %dp, ptr %s, ptr %ds) {
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @h, ptr %p, ptr %dp, ptr %s, ptr %ds)
  ret double %d
}

!0 = !{i64 0, i64 9223372036854775807}

; CHECK: error: in function 'h': floating-point memory is loaded as an integer here, and the integer reaches a call of 'putD'
