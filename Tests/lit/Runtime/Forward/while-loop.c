// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// A while loop whose trip count depends on the active value: Newton's iteration for sqrt(a) runs
// until convergence, and the derivative of the converged result is 1/(2 sqrt(a)). Also a loop that
// doubles x until it exceeds a bound: the number of doublings depends on x, the derivative is 2^k.
#include "../Inputs/check.h"

extern double __enzyme_fwddiff(void *, ...);

double newton_sqrt(double a) {
  double x = a > 1 ? a : 1;
  double prev = 0;
  while (fabs(x - prev) > 1e-15 * x) {
    prev = x;
    x = 0.5 * (x + a / x);
  }
  return x;
}

double double_until(double x, double bound) {
  while (x < bound) x = 2 * x;
  return x;
}

int main(void) {
  const double as[] = {0.25, 2.0, 10.0, 12345.0};
  for (unsigned i = 0; i < sizeof as / sizeof as[0]; i++) {
    double a = as[i];
    check_rel("newton_sqrt(a)", newton_sqrt(a), sqrt(a), 1e-14);
    check_rel("newton_sqrt'(a)", __enzyme_fwddiff((void *)newton_sqrt, a, 1.0), 0.5 / sqrt(a), 1e-12);
  }
  // 0.3 -> 0.6 -> 1.2 -> 2.4 -> 4.8 -> 9.6 -> 19.2: six doublings, derivative 64 in x, 0 in bound.
  check_exact("double_until d/dx", __enzyme_fwddiff((void *)double_until, 0.3, 1.0, 10.0, 0.0), 64.0);
  check_exact("double_until d/dbound", __enzyme_fwddiff((void *)double_until, 0.3, 0.0, 10.0, 1.0), 0.0);
  // 3 -> 6 -> 12: two doublings.
  check_exact("double_until d/dx (2 steps)", __enzyme_fwddiff((void *)double_until, 3.0, 1.0, 10.0, 0.0), 4.0);
  return finish();
}
