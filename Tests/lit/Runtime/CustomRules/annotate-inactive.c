// __attribute__((annotate("enzyme_inactive"))), which stock clang keeps in the IR, marks a function
// inactive as __enzyme_inactivefn does: its result carries no derivative (here a "noise" term that
// the gradient must ignore), in both modes, from optimized and unoptimized input.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
#include <math.h>
#include <stdio.h>
extern double __enzyme_autodiff(void*, ...);
extern double __enzyme_fwddiff(void*, ...);

static int calls = 0;
// Differentiated, it would add cos(x) to the derivative.
__attribute__((annotate("enzyme_inactive"), noinline)) double noise(double x) {
  calls++;
  return 1e-3 * sin(x);
}

double f(double x) { return x * x + noise(x); }

int main(void) {
  double x = 0.7;
  double rev = __enzyme_autodiff((void*)f, x), fwd = __enzyme_fwddiff((void*)f, x, 1.0);
  printf("f'(0.7): reverse %.17g forward %.17g want %.17g; noise called %d times\n", rev, fwd, 2 * x, calls);
  return !(rev == 2 * x && fwd == 2 * x && calls == 2);
}
