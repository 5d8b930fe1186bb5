; RUN: not %swad-opt %s -O0 --pre-passes '' -o /dev/null 2>&1 | FileCheck %s
; RUN: sed '/^;/!s/store i64 %w, ptr %word0/%made = add i64 %w, 1\n  store i64 %made, ptr %word0/' %s \
; RUN:   | %swad-opt - -O0 --pre-passes '' -o /dev/null
; A double's bits copied as an i64 word into an object (a Swift array of `SIMD2<Double>?`: its count
; in the header, the word in the payload, the optional's tag beside it), read back as words and made
; floats again through an i128 that swad cannot take apart (here a `freeze`). The function also writes
; integers into the object, which said its words were integers; the derivative was 0, without an
; error. Those writes say nothing of the words read: the copy is the word itself, the count is at
; another offset, the tag a constant narrower than the word. They are refused. An integer the
; function makes and writes there (the second RUN) still says the words are integers.

declare double @__enzyme_fwddiff(ptr, ...)
@enzyme_dup = external global i32

define double @f(ptr %x, ptr %buf, i64 %n) {
  %w = load i64, ptr %x, align 8
  %count = getelementptr inbounds i8, ptr %buf, i64 16
  %n1 = add i64 %n, 1
  store i64 %n1, ptr %count, align 8
  %word0 = getelementptr inbounds i8, ptr %buf, i64 32
  store i64 %w, ptr %word0, align 8
  %word1 = getelementptr inbounds i8, ptr %buf, i64 40
  store double 5.000000e-01, ptr %word1, align 8
  %tag = getelementptr inbounds i8, ptr %buf, i64 48
  store i8 0, ptr %tag, align 8
  %a = load i64, ptr %word0, align 8
  %b = load i64, ptr %word1, align 8
  %za = zext i64 %a to i128
  %zb = zext i64 %b to i128
  %hi = shl nuw i128 %zb, 64
  %bits = or disjoint i128 %hi, %za
  %frozen = freeze i128 %bits
  %v = bitcast i128 %frozen to <2 x double>
  %e0 = extractelement <2 x double> %v, i64 0
  %e1 = extractelement <2 x double> %v, i64 1
  %m = fmul double %e0, %e1
  ret double %m
}

define double @df(ptr %x, ptr %dx, ptr %buf, ptr %dbuf) {
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr @enzyme_dup, ptr %x, ptr %dx, ptr @enzyme_dup, ptr %buf, ptr %dbuf, i64 0)
  ret double %t
}

; CHECK: error: in function 'f': memory with a derivative is loaded as an integer here and its bits are made a float again
