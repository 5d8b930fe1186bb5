// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// The talk's example f(x, y) = x*y + sin(x)*y, differentiated in forward mode in both directions:
// seeding (dx, dy) = (1, 0) gives df/dx = y + cos(x)*y, seeding (0, 1) gives df/dy = x + sin(x).
#include "../Inputs/check.h"

extern double __enzyme_fwddiff(void *, ...);

double f(double x, double y) { return x * y + sin(x) * y; }

int main(void) {
  const double points[][2] = {{0.0, 0.0}, {1.0, 2.0}, {-0.7, 3.25}, {2.5, -1.5}, {10.0, 0.125}};
  for (unsigned i = 0; i < sizeof points / sizeof points[0]; i++) {
    double x = points[i][0], y = points[i][1];
    double dfdx = __enzyme_fwddiff((void *)f, x, 1.0, y, 0.0);
    double dfdy = __enzyme_fwddiff((void *)f, x, 0.0, y, 1.0);
    check_rel("df/dx", dfdx, y + cos(x) * y, 1e-12);
    check_rel("df/dy", dfdy, x + sin(x), 1e-12);
    // Linearity in the seed: direction (a, b) gives a*df/dx + b*df/dy.
    double mixed = __enzyme_fwddiff((void *)f, x, 0.5, y, -2.0);
    check_rel("directional", mixed, 0.5 * (y + cos(x) * y) - 2.0 * (x + sin(x)), 1e-12);
  }
  return finish();
}
