; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A C++ virtual call (the callee loaded from the vtable that is loaded from `this`) with an active
; argument, when no function of the module can be its target (none of its type has its address
; taken; the function differentiated does not count): its target can only be outside the module.
; The derivative stops at the call if it runs, saying it is a virtual call (it was an error when the
; derivative was built). With targets in the module, the call dispatches among them
; (Forward/indirect-call-dispatch.ll).

declare double @__enzyme_fwddiff(ptr, ...)

define double @call_virtual(ptr %object, double %x) {
entry:
  %vtable = load ptr, ptr %object
  %slot = getelementptr inbounds i8, ptr %vtable, i64 16
  %method = load ptr, ptr %slot
  %r = call double %method(ptr %object, double %x)
  ret double %r
}

define double @caller(ptr %object, double %x) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @call_virtual, ptr %object, ptr %object, double %x, double 1.0)
  ret double %t
}

; CHECK: @swad.stop.message = {{.*}}c"swad: in function 'call_virtual': a virtual call (through the object's vtable) reached a function outside the differentiated module, whose derivative is unknown\00"
; CHECK-LABEL: define internal {{.*}} @fwddiffecall_virtual(
; CHECK: call i64 @write(i32 2, ptr @swad.stop.message
; CHECK-NEXT: call void @swad.stop.name(ptr
; CHECK-NEXT: call void @abort()
