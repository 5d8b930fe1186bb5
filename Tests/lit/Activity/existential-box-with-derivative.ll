; RUN: %swad-opt %s --pre-passes '' --print-activity | FileCheck %s
; RUN: not %swad-opt %s --pre-passes '' -O0 -o /dev/null 2>&1 | FileCheck %s --check-prefix=ERROR
; Swift existential boxes (`any Shape`) that may hold data with a derivative keep their shadow
; (ConstantSlots.isExistentialWithoutDerivative finds them not free of one), and reverse mode
; refuses to open them, naming the protocol (Activity/existential-box-without-derivative.ll has the
; box that needs no shadow): one whose payload is stored from x, one copied from another box by the
; protocol's outlined copy, one made by a function that reads memory other than its arguments' (a
; table that might hold data with a derivative).
%T4main5ShapeP = type <{ [24 x i8], ptr, ptr }>

@"$s4main6SquareVMf" = external constant ptr
@"$s4main6SquareVAA5ShapeAAWP" = external constant ptr
@enzyme_dup = external global i32
@table = external global [4 x double]

declare void @__enzyme_autodiff(ptr, ...)
declare void @__swift_destroy_boxed_opaque_existential_1(ptr)
declare void @"$s4main5Shape_pWOc"(ptr, ptr)

define linkonce_odr hidden ptr @__swift_project_boxed_opaque_existential_1(ptr %box, ptr %metadata) {
  ret ptr %box
}

; Square(k: 2 + i), its metadata and witness table: writes its argument memory only.
define void @pick(ptr sret(%T4main5ShapeP) %box, i64 %i) noinline memory(argmem: write) {
  %n = sitofp i64 %i to double
  %k = fadd double %n, 2.0
  store double %k, ptr %box
  %metadata.at = getelementptr inbounds i8, ptr %box, i64 24
  store ptr @"$s4main6SquareVMf", ptr %metadata.at
  %witness.at = getelementptr inbounds i8, ptr %box, i64 32
  store ptr @"$s4main6SquareVAA5ShapeAAWP", ptr %witness.at
  ret void
}

; The same, k read from a global table: memory other than its arguments'.
define void @pick_from_table(ptr sret(%T4main5ShapeP) %box, i64 %i) noinline memory(read, argmem: write) {
  %at = getelementptr inbounds [4 x double], ptr @table, i64 0, i64 %i
  %k = load double, ptr %at
  store double %k, ptr %box
  %metadata.at = getelementptr inbounds i8, ptr %box, i64 24
  store ptr @"$s4main6SquareVMf", ptr %metadata.at
  ret void
}

; Square.area: k s².
define double @area(double %s, ptr %self) noinline {
  %k = load double, ptr %self
  %ks = fmul double %k, %s
  %a = fmul double %ks, %s
  ret double %a
}

define double @g(ptr %x, i64 %i) {
  %made = alloca %T4main5ShapeP
  %stored = alloca %T4main5ShapeP
  %copied = alloca %T4main5ShapeP
  %read = alloca %T4main5ShapeP
  %s = load double, ptr %x
  call void @pick(ptr sret(%T4main5ShapeP) %made, i64 %i)
  %made.md.at = getelementptr inbounds i8, ptr %made, i64 24
  %made.md = load ptr, ptr %made.md.at
  %made.self = call ptr @__swift_project_boxed_opaque_existential_1(ptr %made, ptr %made.md)
  %a1 = call double @area(double %s, ptr %made.self)
  call void @__swift_destroy_boxed_opaque_existential_1(ptr %made)
  store double %s, ptr %stored
  %stored.self = call ptr @__swift_project_boxed_opaque_existential_1(ptr %stored, ptr %made.md)
  %a2 = call double @area(double %s, ptr %stored.self)
  call void @pick(ptr sret(%T4main5ShapeP) %copied, i64 %i)
  call void @"$s4main5Shape_pWOc"(ptr %copied, ptr %stored)
  call void @pick_from_table(ptr sret(%T4main5ShapeP) %read, i64 %i)
  %read.self = call ptr @__swift_project_boxed_opaque_existential_1(ptr %read, ptr %made.md)
  %a3 = call double @area(double %s, ptr %read.self)
  %sum = fadd double %a1, %a2
  %all = fadd double %sum, %a3
  ret double %all
}

define void @caller(ptr %x, ptr %dx, i64 %i) {
  %dup = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @g, i32 %dup, ptr %x, ptr %dx, i64 %i)
  ret void
}

; CHECK-LABEL: activity of @g
; CHECK: inactive: %made = alloca %T4main5ShapeP
; CHECK: active:   %stored = alloca %T4main5ShapeP
; CHECK: active:   %copied = alloca %T4main5ShapeP
; CHECK: active:   %read = alloca %T4main5ShapeP
; ERROR: error: in function 'g': cannot differentiate in reverse mode a value of protocol type ('any main.Shape') that may hold data with a derivative
