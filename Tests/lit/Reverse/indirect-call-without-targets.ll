; RUN: %swad-opt %s -O0 -S | FileCheck %s
; RUN: %swad-opt %s -O0 -S | FileCheck %s --check-prefix=NAME
; A call through a function pointer with an active argument and result, of a type no function of
; the module has its address taken for: it can only reach a function outside the module, or never
; run. Refused when the derivative was built before (a Swift enum's closure case that no value of
; the program is made of); now the derivatives stop at the call, with a message, if it runs.

@hook = global ptr null

declare double @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(double %x) {
entry:
  %g = load ptr, ptr @hook, align 8
  %set = icmp ne ptr %g, null
  br i1 %set, label %call, label %plain

call:
  %y = call double %g(double %x)
  br label %done

plain:
  %s = fmul double %x, %x
  br label %done

done:
  %r = phi double [ %y, %call ], [ %s, %plain ]
  ret double %r
}

define double @caller(double %x) {
entry:
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double 1.0)
  %s = fadd double %d, %t
  ret double %s
}

; CHECK: @swad.stop.message = {{.*}}c"swad: in function 'f': a call through a function pointer reached a function outside the differentiated module, whose derivative is unknown\00"
; CHECK-LABEL: define internal {{.*}} @augmented_f(
; CHECK: call:
; CHECK-NEXT: call i64 @write(i32 2, ptr @swad.stop.message
; CHECK-NEXT: call void @swad.stop.name(ptr
; CHECK-NEXT: call void @abort()
; CHECK-LABEL: define internal {{.*}} @fwddiffef(
; CHECK: call:
; CHECK-NEXT: call i64 @write(i32 2, ptr @swad.stop.message
; CHECK-NEXT: call void @swad.stop.name(ptr
; CHECK-NEXT: call void @abort()
; The function reached is named when the stop runs: its symbol and file, from dladdr.
; NAME-LABEL: define internal void @swad.stop.name(ptr %0)
; NAME: call i32 @dladdr(ptr %0, ptr %info)
; NAME: named:
; NAME: call i64 @write(i32 2, ptr @swad.stop.name.text, i64 3)
; NAME-NEXT: %[[LENGTH:[0-9]+]] = call i64 @strlen(ptr %[[SYMBOL:[0-9]+]])
; NAME-NEXT: call i64 @write(i32 2, ptr %[[SYMBOL]], i64 %[[LENGTH]])
; NAME: ret void
