; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A call through an unprototyped function pointer (K&R C's `double (*f)()`, which clang calls with a
; variadic type, `double (double, ...)`) dispatches among the address-taken functions whose
; parameters are the types of the arguments passed (`double (double)`), as C requires of the function
; called so. The dispatcher takes the arguments passed; each candidate is called with its own type,
; the fallback for targets outside the module with the call's. A function of another type (`ratio`)
; is no candidate.

@table = global [3 x ptr] [ptr @square, ptr @cube, ptr @ratio]

define double @square(double %x) {
  %r = fmul double %x, %x
  ret double %r
}

define double @cube(double %x) {
  %s = fmul double %x, %x
  %r = fmul double %s, %x
  ret double %r
}

define double @ratio(double %x, double %y) {
  %r = fdiv double %x, %y
  ret double %r
}

define double @apply(ptr %f, double %x) {
entry:
  %r = call double (double, ...) %f(double %x)
  %s = fadd double %r, %x
  ret double %s
}

define double @objective(i64 %i, double %x) {
entry:
  %slot = getelementptr [3 x ptr], ptr @table, i64 0, i64 %i
  %f = load ptr, ptr %slot
  %r = call double @apply(ptr %f, double %x)
  ret double %r
}

declare double @__enzyme_autodiff(ptr, ...)

define double @gradient(i64 %i, double %x) {
entry:
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @objective, i64 %i, double %x)
  ret double %d
}

; CHECK-LABEL: define double @apply(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    {{%.*}} = call double @swad.dispatch.indirect.apply(ptr %f, double %x)

; CHECK-LABEL: define internal double @swad.dispatch.indirect.apply(
; CHECK-SAME:  ptr [[FP:%.*]], double [[X:%.*]])
; CHECK:         icmp eq ptr [[FP]], @square
; CHECK:         call double @square(double [[X]])
; CHECK:         icmp eq ptr [[FP]], @cube
; CHECK:         call double @cube(double [[X]])
; CHECK-NOT:     @ratio
; CHECK:         call double (double, ...) [[FP]](double [[X]]), !swad.unresolved

; CHECK-LABEL: define internal {{.*}}@diffe_reverse_swad.dispatch.indirect.apply(
; CHECK-DAG:     call {{.*}}@diffe_reverse_square(
; CHECK-DAG:     call {{.*}}@diffe_reverse_cube(
