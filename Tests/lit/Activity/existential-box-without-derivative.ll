; RUN: %swad-opt %s --pre-passes '' --print-activity | FileCheck %s
; RUN: %swad-opt %s --pre-passes '' -O0 -S | FileCheck %s --check-prefix=IR
; A Swift existential box (`any Shape`: a stack slot of the container's type, opened by
; __swift_project_boxed_opaque_existential_1) made by a function that is not inlined from nothing
; with a derivative (`let s: any Shape = pick(i)`) holds no data with one
; (ConstantSlots.isExistentialWithoutDerivative): it needs no shadow, so reverse mode no longer
; refuses to open it, nor does the shadow box's destruction go through a value witness of the Swift
; runtime (which stopped forward mode at run time). Boxes that may hold such data keep their shadow
; (Activity/existential-box-with-derivative.ll).
%T4main5ShapeP = type <{ [24 x i8], ptr, ptr }>

@"$s4main6SquareVMf" = external constant ptr
@"$s4main6SquareVAA5ShapeAAWP" = external constant ptr
@enzyme_dup = external global i32

declare void @__enzyme_autodiff(ptr, ...)
declare void @__swift_destroy_boxed_opaque_existential_1(ptr)

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

; Square.area: k s².
define double @area(double %s, ptr %self) noinline {
  %k = load double, ptr %self
  %ks = fmul double %k, %s
  %a = fmul double %ks, %s
  ret double %a
}

define double @f(ptr %x, i64 %i) {
  %made = alloca %T4main5ShapeP
  %s = load double, ptr %x
  call void @pick(ptr sret(%T4main5ShapeP) %made, i64 %i)
  %md.at = getelementptr inbounds i8, ptr %made, i64 24
  %md = load ptr, ptr %md.at
  %self = call ptr @__swift_project_boxed_opaque_existential_1(ptr %made, ptr %md)
  %a = call double @area(double %s, ptr %self)
  call void @__swift_destroy_boxed_opaque_existential_1(ptr %made)
  ret double %a
}

define void @caller(ptr %x, ptr %dx, i64 %i) {
  %dup = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %dup, ptr %x, ptr %dx, i64 %i)
  ret void
}

; CHECK-LABEL: activity of @f
; CHECK: inactive: %made = alloca %T4main5ShapeP

; The box has no shadow: the maker and the destructor are called on the primal alone (no shadow
; box is destroyed through the runtime's witnesses), and the opened box's shadow is the box itself,
; a constant shadow, which area's derivative checks at run time and writes nothing through.
; IR-LABEL: define internal double @augmented_f(
; IR: call void @pick(ptr sret(%T4main5ShapeP) %made, i64 %i)
; IR-NEXT: %md.at =
; IR-NEXT: %md = load ptr, ptr %md.at
; IR-NEXT: %self = call { ptr, ptr } @augmented___swift_project_boxed_opaque_existential_1(ptr %made, ptr %md, ptr %tape)
; IR: call void @__swift_destroy_boxed_opaque_existential_1(ptr %made)
; IR-NOT: @__swift_destroy_boxed_opaque_existential_1
; IR-LABEL: define internal { ptr, ptr } @augmented___swift_project_boxed_opaque_existential_1(
; IR-NEXT: insertvalue { ptr, ptr } poison, ptr %box, 0
; IR-NEXT: insertvalue { ptr, ptr } %1, ptr %box, 1
; IR-LABEL: define internal double @augmented_area(
; IR: %shadow.is.primal = icmp eq ptr %"'self", %self
