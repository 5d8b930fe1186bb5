// A mutable global that carries active data gets a shadow global in reverse mode too: adjoints flow
// through stores to it and loads from it, across calls; a constant table stays inactive.
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

double __enzyme_autodiff(void*, ...);
double __enzyme_fwddiff(void*, ...);

double accumulator;
static const double weights[4] = {0.5, -1.0, 2.0, 0.25};

__attribute__((noinline)) void add(double v) { accumulator += v * v; }

double sum_of_squares(double x, int n) {
  accumulator = 0;
  for (int i = 0; i < n; i++) add(x * weights[i % 4]);
  return sin(accumulator);
}

int main(void) {
  double x = 0.7;
  int n = 6;
  double s = 0;
  for (int i = 0; i < n; i++) s += weights[i % 4] * weights[i % 4];
  double expected = cos(x * x * s) * 2 * x * s;
  double reverse = __enzyme_autodiff((void*)sum_of_squares, x, n);
  double forward = __enzyme_fwddiff((void*)sum_of_squares, x, 1.0, n);
  int failures = 0;
  if (fabs(reverse - expected) > 1e-12 * fabs(expected)) { printf("FAIL reverse %.17g want %.17g\n", reverse, expected); failures++; }
  if (fabs(forward - expected) > 1e-12 * fabs(expected)) { printf("FAIL forward %.17g want %.17g\n", forward, expected); failures++; }
  if (fabs(accumulator - x * x * s) > 1e-12) { printf("FAIL primal global %.17g\n", accumulator); failures++; }
  return failures;
}
