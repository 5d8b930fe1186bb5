; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s --check-prefix=WINDOW
; Swift copies an Array<Double> it handles generically through the type's value witness table, in
; the runtime library: a call through a pointer with no derivative, which stopped derivative code
; when it ran. For Array (also ContiguousArray, Dictionary, Set: one strong reference each) the
; witnesses are written out before AD (Support/SwiftValueWitnessCalls.swift): initializeWithCopy
; (slot 2, here as the optimizer addresses it, 16 bytes in) loads the reference, retains it and
; stores it; assignWithTake (slot 5) stores it and releases the one overwritten; destroy (slot 1)
; releases it. Then the shadow array's reference moves and is counted with the array's.

target triple = "x86_64-unknown-linux-gnu"

%swift.metadata_response = type { ptr, i64 }

@"$sSaySdGMD" = external global { i32, i32 }
@"$sSaySdG6WindowVySiGMD" = external global { i32, i32 }

declare ptr @__swift_instantiateConcreteTypeFromMangledName(ptr)
declare %swift.metadata_response @"$sSaySdGMa"(i64)
declare ptr @swift_retain(ptr returned)
declare void @swift_release(ptr)
declare double @__enzyme_autodiff(ptr, ...)

define internal ptr @copy(ptr %to, ptr %from) noinline {
entry:
  %meta = call ptr @__swift_instantiateConcreteTypeFromMangledName(ptr @"$sSaySdGMD")
  %vwt.at = getelementptr inbounds i8, ptr %meta, i64 -8
  %vwt = load ptr, ptr %vwt.at, align 8
  %witness.at = getelementptr inbounds i8, ptr %vwt, i64 16
  %witness = load ptr, ptr %witness.at, align 8
  %r = call ptr %witness(ptr noalias %to, ptr noalias %from, ptr %meta)
  ret ptr %r
}

define internal void @move(ptr %to, ptr %from) noinline {
entry:
  %response = call %swift.metadata_response @"$sSaySdGMa"(i64 0)
  %meta = extractvalue %swift.metadata_response %response, 0
  %vwt.at = getelementptr inbounds ptr, ptr %meta, i64 -1
  %vwt = load ptr, ptr %vwt.at, align 8
  %witness.at = getelementptr inbounds ptr, ptr %vwt, i64 5
  %witness = load ptr, ptr %witness.at, align 8
  %r = call ptr %witness(ptr %to, ptr %from, ptr %meta)
  ret void
}

define internal void @destroy(ptr %array) noinline {
entry:
  %meta = call ptr @__swift_instantiateConcreteTypeFromMangledName(ptr @"$sSaySdGMD")
  %vwt.at = getelementptr inbounds i8, ptr %meta, i64 -8
  %vwt = load ptr, ptr %vwt.at, align 8
  %witness.at = getelementptr inbounds i8, ptr %vwt, i64 8
  %witness = load ptr, ptr %witness.at, align 8
  call void %witness(ptr %array, ptr %meta)
  ret void
}

; A type nested in Array<Double> (Array<Double>.Window<Int>) is not one reference: its copy stays
; the runtime's call.
define internal ptr @copy.window(ptr %to, ptr %from) noinline {
entry:
  %meta = call ptr @__swift_instantiateConcreteTypeFromMangledName(ptr @"$sSaySdG6WindowVySiGMD")
  %vwt.at = getelementptr inbounds i8, ptr %meta, i64 -8
  %vwt = load ptr, ptr %vwt.at, align 8
  %witness.at = getelementptr inbounds i8, ptr %vwt, i64 16
  %witness = load ptr, ptr %witness.at, align 8
  %r = call ptr %witness(ptr noalias %to, ptr noalias %from, ptr %meta)
  ret ptr %r
}

; f(a) = a[0]^2 read through a copy of the array variable, moved into a second one and destroyed.
define double @f(ptr %a) {
entry:
  %first = alloca ptr, align 8
  %second = alloca ptr, align 8
  store ptr null, ptr %second, align 8
  %copied = call ptr @copy(ptr %first, ptr %a)
  call void @move(ptr %second, ptr %copied)
  %buffer = load ptr, ptr %second, align 8
  %element = getelementptr inbounds i8, ptr %buffer, i64 32
  %x = load double, ptr %element, align 8
  call void @destroy(ptr %second)
  %window = alloca [4 x ptr], align 8
  %windowed = call ptr @copy.window(ptr %window, ptr %a)
  %y = fmul double %x, %x
  ret double %y
}

define void @caller(ptr %a, ptr %da) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %a, ptr %da)
  ret void
}

; CHECK-LABEL: define internal { ptr, ptr } @augmented_copy(
; CHECK-NOT: call ptr %
; CHECK: %[[REFERENCE:[0-9]+]] = load ptr, ptr %from
; CHECK: call ptr @swift_retain(ptr %[[REFERENCE]])
; CHECK: call ptr @swift_retain(ptr %[[SHADOW:[^)]+]])
; CHECK: store ptr %[[REFERENCE]], ptr %to
; CHECK: store ptr %[[SHADOW]], ptr %"'to"
; CHECK: insertvalue { ptr, ptr } poison, ptr %to, 0
; CHECK-LABEL: define internal void @augmented_move(
; CHECK-NOT: call ptr %
; CHECK: %[[MOVED:[0-9]+]] = load ptr, ptr %from
; CHECK: %[[OLD:[0-9]+]] = load ptr, ptr %to
; CHECK: store ptr %[[MOVED]], ptr %to
; CHECK: call void @swift_release(ptr %[[OLD]])
; CHECK: ret void
; CHECK-LABEL: define internal void @augmented_destroy(
; CHECK-NOT: call void %
; CHECK: %[[HELD:[0-9]+]] = load ptr, ptr %array
; CHECK: call void @swift_release(ptr %[[HELD]])
; CHECK: ret void
; WINDOW-LABEL: define internal ptr @copy.window(
; WINDOW: %r = call ptr %witness(ptr noalias %to, ptr noalias %from, ptr %meta)
