; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; The Swift runtime's element copy (`swift_arrayInitWithCopy(to, from, count, metadata)`) with no
; access around it to say what the elements are, in a function whose name names no type: the
; metadata it is given does (`$sSaySdGMD`, `[Double]`: the IR type of every Array, `%TSa`;
; SwiftRuntime.metadataType). The rows are array references, so their shadows are copied the same
; way. It was refused ("cannot tell the type of the elements"): `Array(m[1...])` of a `[[Double]]`
; copies its rows so, in a specialization for the slice.

%TSa = type <{ ptr }>

@"$sSaySdGMD" = external global i8

declare ptr @__swift_instantiateConcreteTypeFromMangledName(ptr)
declare void @swift_arrayInitWithCopy(ptr, ptr, i64, ptr)
declare double @__enzyme_fwddiff(ptr, ...)

define double @rows(ptr %to, ptr %from, ptr %x) {
entry:
  %meta = call ptr @__swift_instantiateConcreteTypeFromMangledName(ptr @"$sSaySdGMD")
  call void @swift_arrayInitWithCopy(ptr %to, ptr %from, i64 2, ptr %meta)
  %v = load double, ptr %x
  ret double %v
}

define double @caller(ptr %to, ptr %dto, ptr %from, ptr %dfrom, ptr %x, ptr %dx) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @rows, ptr %to, ptr %dto, ptr %from, ptr %dfrom, ptr %x, ptr %dx)
  ret double %t
}

; CHECK-LABEL: define internal { double, double } @fwddifferows(
; CHECK: %meta = call ptr @__swift_instantiateConcreteTypeFromMangledName(ptr @"$sSaySdGMD")
; CHECK-NEXT: call void @swift_arrayInitWithCopy(ptr %to, ptr %from, i64 2, ptr %meta)
; CHECK-NEXT: call void @swift_arrayInitWithCopy(ptr %"'to", ptr %"'from", i64 2, ptr %meta)
