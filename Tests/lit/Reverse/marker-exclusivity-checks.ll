; Swift at -Onone (SwiftPM's debug builds) checks exclusive access to the marker globals it reads
; (swift_beginAccess on @enzyme_out with a buffer, swift_endAccess of the buffer). The checks go with
; the markers, so that nothing references a marker global after differentiation.
; RUN: %swad-opt %s -O0 -S | FileCheck %s

@enzyme_out = external global i32

declare void @swift_beginAccess(ptr, ptr, i64, ptr)
declare void @swift_endAccess(ptr)
declare double @__enzyme_autodiff(ptr, ...)

define double @square(double %x) {
  %r = fmul double %x, %x
  ret double %r
}

; CHECK-LABEL: define double @gradient(
; CHECK-NOT: swift_beginAccess
; CHECK-NOT: swift_endAccess
; CHECK-NOT: @enzyme_out
; CHECK: ret double
define double @gradient(double %x) {
  %buffer = alloca [32 x i8]
  call void @swift_beginAccess(ptr @enzyme_out, ptr %buffer, i64 32, ptr null)
  %marker = load i32, ptr @enzyme_out
  call void @swift_endAccess(ptr %buffer)
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @square, i32 %marker, double %x)
  ret double %g
}
; CHECK-NOT: @enzyme_out
