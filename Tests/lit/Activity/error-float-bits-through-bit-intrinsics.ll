; RUN: not %swad-opt %s -O0 --pre-passes '' -o /dev/null 2>&1 | FileCheck %s
; RUN: sed 's/@llvm.umax.i64(i64 %a, i64 %b)/@llvm.umax.i64(i64 %b, i64 0)/; s/%made = bitcast i64 %m to double/%made = uitofp i64 %m to double/' %s \
; RUN:   | %swad-opt - -O0 --pre-passes '' -o /dev/null
; A double's bits through integer intrinsics that move or choose bits (here the larger of two
; doubles' bits, `llvm.umax`, then a byte swap there and back) made a double again: an error naming
; the load of the bits, as for the integer instructions that carry bits. Calls without
; floating-point arguments, the intrinsics were taken for tests of the bits, and the derivative was
; silently 0. The same intrinsics whose result becomes a number (the second command: `uitofp`, a count
; of the bits) are no error.

; CHECK: swad-opt: error: in function 'f': memory with a derivative is loaded as an integer here and its bits are made a float again

declare double @__enzyme_fwddiff(ptr, ...)
declare i64 @llvm.umax.i64(i64, i64)
declare i64 @llvm.bswap.i64(i64)
@enzyme_dup = external global i32

define double @f(ptr %x) {
  %a = load i64, ptr %x, align 8
  %second = getelementptr inbounds i8, ptr %x, i64 8
  %b = load i64, ptr %second, align 8
  %larger = call i64 @llvm.umax.i64(i64 %a, i64 %b)
  %swapped = call i64 @llvm.bswap.i64(i64 %larger)
  %m = call i64 @llvm.bswap.i64(i64 %swapped)
  %made = bitcast i64 %m to double
  %r = fmul double %made, %made
  ret double %r
}

define double @caller(ptr %x, ptr %dx) {
  %m = load i32, ptr @enzyme_dup
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %m, ptr %x, ptr %dx)
  ret double %t
}
