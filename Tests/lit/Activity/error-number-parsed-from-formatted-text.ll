; RUN: not %swad-opt %s -O0 --pre-passes '' -o /dev/null 2>&1 | FileCheck %s
; RUN: sed 's/call double @strtod(ptr %digits/call double @strtod(ptr @setting/' %s | %swad-opt - -O0 --pre-passes '' -o /dev/null
; A value with a derivative formatted into a buffer (`snprintf`) and a number parsed out of the same
; buffer (`strtod`): an error naming the parse and the formatting, in both modes (here forward).
; Parsing other text (the second command: a constant setting) is no error.

; CHECK: swad-opt: error: in function 'f': a number is parsed here from text into which 'snprintf' wrote a value with a derivative

@format = private constant [6 x i8] c"%.17g\00"
@setting = private constant [4 x i8] c"2.5\00"
declare i32 @snprintf(ptr, i64, ptr, ...)
declare double @strtod(ptr, ptr)
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x) {
  %digits = alloca [32 x i8]
  %y = fmul double %x, %x
  %n = call i32 (ptr, i64, ptr, ...) @snprintf(ptr %digits, i64 32, ptr @format, double %y)
  %parsed = call double @strtod(ptr %digits, ptr null)
  %r = fmul double %parsed, %x
  ret double %r
}

define double @caller(double %x) {
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double 1.0)
  ret double %t
}
