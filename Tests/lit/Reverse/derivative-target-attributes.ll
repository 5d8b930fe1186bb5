; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Each function AD makes is compiled for the target of the function it was made from, not for the
; target machine's default (the host's, with instructions the user's build does not use): the
; dispatcher of @outer's call through a pointer (swad.dispatch.indirect.outer, which the primal calls
; too) gets @outer's target, found by its name; the derivatives keep their primal's (@square is
; compiled for skylake-avx512, the rest for x86-64). AD's own helpers (the tape's), made from no one
; function, get the module's target when all its functions agree (Driver/derivative-target.c), and
; nothing here, where they do not.

@table = global [2 x ptr] [ptr @square, ptr @cube]

define double @square(double %x) #0 {
  %r = fmul double %x, %x
  ret double %r
}

define double @cube(double %x) #1 {
  %s = fmul double %x, %x
  %r = fmul double %s, %x
  ret double %r
}

define double @outer(i64 %i, double %x) #1 {
  %slot = getelementptr [2 x ptr], ptr @table, i64 0, i64 %i
  %f = load ptr, ptr %slot
  %s = call double %f(double %x)
  %r = fadd double %s, %x
  ret double %r
}

declare double @__enzyme_autodiff(ptr, ...)

define double @gradient(i64 %i, double %x) #1 {
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @outer, i64 %i, double %x)
  ret double %d
}

attributes #0 = { "target-cpu"="skylake-avx512" "target-features"="+avx512f,+fma" }
attributes #1 = { "target-cpu"="x86-64" "target-features"="+sse2" }

; CHECK: define internal double @swad.dispatch.indirect.outer({{.*}}) [[OUTER:#[0-9]+]]
; CHECK: define internal {{.*}}@augmented_square({{.*}}) [[SQUARE:#[0-9]+]]
; CHECK: define internal {{.*}}@diffe_reverse_square({{.*}}) [[SQUARE]]
; CHECK: define internal void @swad.tape.start({{.*}}) [[HELPER:#[0-9]+]]
; CHECK-DAG: attributes [[OUTER]] = { "target-cpu"="x86-64" "target-features"="+sse2" }
; CHECK-DAG: attributes [[SQUARE]] = { "target-cpu"="skylake-avx512" "target-features"="+avx512f,+fma" }
; CHECK-DAG: attributes [[HELPER]] = { nounwind }
