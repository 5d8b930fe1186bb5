// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// A function calling another defined function twice (with different active arguments): the chain
// rule through both calls. noinline keeps the calls as calls.
#include "../Inputs/check.h"

extern double __enzyme_fwddiff(void *, ...);

__attribute__((noinline)) double g(double a, double b) { return a * sin(b) + b * b; }

double f(double x, double y) { return g(x, y) * g(y * y, x); }

int main(void) {
  const double pts[][2] = {{0.5, 1.0}, {-1.2, 0.3}, {2.0, -0.7}};
  for (int i = 0; i < 3; i++) {
    double x = pts[i][0], y = pts[i][1];
    // g1 = g(x, y), g2 = g(y^2, x)
    double g1 = g(x, y), g2 = g(y * y, x);
    double g1x = sin(y), g1y = x * cos(y) + 2 * y;
    double g2x = y * y * cos(x) + 2 * x, g2y = 2 * y * sin(x);
    check_rel("df/dx", __enzyme_fwddiff((void *)f, x, 1.0, y, 0.0), g1x * g2 + g1 * g2x, 1e-12);
    check_rel("df/dy", __enzyme_fwddiff((void *)f, x, 0.0, y, 1.0), g1y * g2 + g1 * g2y, 1e-12);
  }
  return finish();
}
