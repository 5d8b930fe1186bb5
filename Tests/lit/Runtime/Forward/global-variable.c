// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// A mutable global that carries active data: the function accumulates into a global through a call
// the optimizer cannot see through, then returns the global. The global needs a shadow (made by the
// transform, as for allocas and mallocs) or the tangent is lost.
#include "../Inputs/check.h"

extern double __enzyme_fwddiff(void *, ...);

double acc;

__attribute__((noinline)) void add(double v) { acc += v; }

double accumulate(double x, int n) {
  acc = 0;
  for (int i = 0; i < n; i++) add(x * i);
  return acc;
}

int main(void) {
  // accumulate(x, 4) = x * (0 + 1 + 2 + 3) = 6x
  check_rel("accumulate(1.5, 4)", accumulate(1.5, 4), 9.0, 1e-12);
  check_rel("d accumulate / dx", __enzyme_fwddiff((void *)accumulate, 1.5, 1.0, 4), 6.0, 1e-12);
  // The primal global is updated by the derivative call as by the primal.
  check_rel("acc after the derivative call", acc, 9.0, 1e-12);
  return finish();
}
