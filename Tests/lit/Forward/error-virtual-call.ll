; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; A C++ virtual call (the callee loaded from the vtable that is loaded from `this`) with an active
; argument, when no function of the module can be its target (none of its type has its address
; taken; the function differentiated does not count): the error says it is a virtual call. With
; targets in the module, the call dispatches among them (Forward/indirect-call-dispatch.ll).

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

; CHECK: error: in function 'call_virtual': cannot differentiate a virtual call (through the object's vtable) with active arguments or an active result yet
