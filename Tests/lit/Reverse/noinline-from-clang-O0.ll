; clang -O0 -Xclang -disable-O0-optnone (the form Enzyme's users give opt) marks every function
; noinline. As with optnone, that says nothing of the author's intent, so the helpers the
; differentiated function reaches are inlined before AD, as an optimized build's are
; (Support/UnoptimizedInput.swift). Kept out of line, libstdc++'s std::function manager cloned a
; lambda holding a pointer as an 8-byte integer with no type to say so, and the gradient crashed.
; Recognized by the producer (clang), every defined function noinline (main too) and no type-based
; alias tags: without the producer (hand-written IR), or with a main that is not noinline (an
; optimized build whose author marked the helpers), the callees stay out of line.
; RUN: %swad-opt %s -O0 -S -o - | FileCheck %s
; RUN: sed -e '/^!llvm.ident/d' %s | %swad-opt -O0 -S -o - | FileCheck %s --check-prefix=KEPT
; RUN: sed -e 's/^define dso_local i32 @main() #0/define dso_local i32 @main() #1/' %s \
; RUN:   | %swad-opt -O0 -S -o - | FileCheck %s --check-prefix=KEPT

; CHECK-LABEL: define internal { double } @diffe_reverse_f(
; CHECK-NOT: call {{.*}}square
; CHECK: ret void

; KEPT-LABEL: define internal { double } @diffe_reverse_f(
; KEPT: call {{.*}}@diffe_reverse_square(

define dso_local double @f(double noundef %0) #0 {
  %2 = alloca double, align 8
  store double %0, ptr %2, align 8
  %3 = load double, ptr %2, align 8
  %4 = call double @square(double noundef %3)
  %5 = load double, ptr %2, align 8
  %6 = fadd double %4, %5
  ret double %6
}

define internal double @square(double noundef %0) #0 {
  %2 = alloca double, align 8
  store double %0, ptr %2, align 8
  %3 = load double, ptr %2, align 8
  %4 = load double, ptr %2, align 8
  %5 = fmul double %3, %4
  ret double %5
}

define dso_local i32 @main() #0 {
  %1 = call double (ptr, ...) @__enzyme_autodiff(ptr noundef @f, double noundef 3.0)
  %2 = fptosi double %1 to i32
  ret i32 %2
}

declare double @__enzyme_autodiff(ptr noundef, ...) #1

attributes #0 = { noinline nounwind uwtable }
attributes #1 = { nounwind }

!llvm.ident = !{!0}
!0 = !{!"Debian clang version 22.1.0"}
