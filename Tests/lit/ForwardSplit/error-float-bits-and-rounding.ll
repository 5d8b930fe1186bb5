; RUN: not %swad-opt %s -O0 --pre-passes '' -o /dev/null 2>&1 | FileCheck %s --check-prefix=BITS
; RUN: sed 's/ptr @shifted_bits, ptr @enzyme_dup, ptr %x, ptr %dx,/ptr @rounding_kept, double %y, double 2.0,/' %s \
; RUN:   | not %swad-opt - -O0 --pre-passes '' -o /dev/null 2>&1 | FileCheck %s --check-prefix=ROUNDING
; The split tangent is made by the forward emitter, so it refuses what forward mode refuses: a
; float's bits changed as an integer and made a float again (the tangent would be lost in the
; integers), and a rounding shift (x + 2^52) not shifted back (its derivative would be taken as 1).
declare double @__enzyme_fwdsplit(ptr, ...)
@enzyme_dup = external global i32

define double @shifted_bits(ptr %x) {
  %bits = load i64, ptr %x, align 8
  %s = shl i64 %bits, 1
  %d = bitcast i64 %s to double
  %r = fmul double %d, 3.0
  ret double %r
}

define double @rounding_kept(double %x) {
  %s = fadd double %x, 0x4330000000000000
  %t = fmul double %s, %x
  ret double %t
}

define double @df(ptr %x, ptr %dx, double %y) {
  %a = call double (ptr, ...) @__enzyme_fwdsplit(ptr @shifted_bits, ptr @enzyme_dup, ptr %x, ptr %dx, ptr null)
  %b = call double (ptr, ...) @__enzyme_fwdsplit(ptr @rounding_kept, double %y, double 1.0, ptr null)
  %r = fadd double %a, %b
  ret double %r
}

; BITS: error: in function 'shifted_bits': memory with a derivative is loaded as an integer here and its bits are made a float again
; ROUNDING: error: in function 'rounding_kept': a value with a derivative is shifted by a rounding constant
