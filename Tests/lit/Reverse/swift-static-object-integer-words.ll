; A constant array literal of enums (`[Op]` of `.const(2, 0.25)`): Swift lays each payload out as
; integer words, a Double's bits among them. The shadow object keeps the header (metadata,
; reference count, count, capacity) and addresses, and zeroes every integer word of the elements:
; an interpreter that stores a payload word into a [Double] reads its derivative from the shadow's
; word, which held the constant's bits (0.25's), and forward mode took them for its tangent.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK: @swad.static.reverse.program = internal global %Static <{ [1 x i64] zeroinitializer, %Storage <{ ptr null, i64 0, i64 2, i64 4, [2 x %Op] zeroinitializer }> }>
; CHECK: @swad.static.program = internal global %Static <{ [1 x i64] zeroinitializer, %Storage <{ ptr null, i64 0, i64 2, i64 4, [2 x %Op] zeroinitializer }> }>

; Two elements `{ i64 register, i64 payload, i8 tag }`: .const(2, 0.25), .param(0, 1).
%Op = type <{ i64, i64, i8, [7 x i8] }>
%Storage = type <{ ptr, i64, i64, i64, [2 x %Op] }>
%Static = type <{ [1 x i64], %Storage }>

@program = internal global %Static <{ [1 x i64] zeroinitializer, %Storage <{ ptr null, i64 0, i64 2, i64 4, [2 x %Op] [%Op <{ i64 2, i64 4598175219545276416, i8 0, [7 x i8] zeroinitializer }>, %Op <{ i64 0, i64 1, i8 0, [7 x i8] zeroinitializer }>] }> }>
@metadata = external global ptr
@enzyme_dup = external global i32

declare ptr @swift_initStaticObject(ptr, ptr)
declare double @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)

; The first element's payload, stored into the registers whole and read back as a double.
define double @f(ptr %registers) {
entry:
  %program = call ptr @swift_initStaticObject(ptr @metadata, ptr getelementptr (%Static, ptr @program, i32 0, i32 1))
  %payload.at = getelementptr inbounds i8, ptr %program, i64 40
  %word = load i64, ptr %payload.at, align 8
  store i64 %word, ptr %registers, align 8
  %r = load double, ptr %registers, align 8
  ret double %r
}

define void @df(ptr %r, ptr %dr, ptr %t) {
  %a = call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr @enzyme_dup, ptr %r, ptr %dr)
  %b = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr @enzyme_dup, ptr %r, ptr %t)
  ret void
}
