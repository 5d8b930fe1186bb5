// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// A loop with an early exit: the partial sum of x^i/i! stops when a term becomes negligible or after
// a maximum count. The derivative is the derivative of the terms actually summed, compared with
// central finite differences and with the truncated series' derivative.
#include "../Inputs/check.h"

extern int enzyme_const;
extern double __enzyme_fwddiff(void *, ...);

double exp_series(double x, int max_terms) {
  double sum = 1, term = 1;
  for (int i = 1; i < max_terms; i++) {
    term *= x / i;
    sum += term;
    if (fabs(term) < 1e-17 * fabs(sum)) break;
  }
  return sum;
}

// Sum a[i] * x until the running sum exceeds limit (x = 1 gives the prefix sums).
double sum_until(const double *a, double x, double limit) {
  double s = 0;
  for (int i = 0;; i++) {
    s += a[i] * x;
    if (s > limit) break;
  }
  return s;
}

int main(void) {
  const double xs[] = {-1.5, 0.0, 0.5, 2.0, 5.0};
  for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; i++) {
    double x = xs[i];
    double d = __enzyme_fwddiff((void *)exp_series, x, 1.0, 200);
    check_rel("exp_series'(x) = exp(x)", d, exp(x), 1e-12);
    double h = 1e-6;
    check_fd("exp_series' vs finite differences", d, (exp_series(x + h, 200) - exp_series(x - h, 200)) / (2 * h), 1e-6);
    // A cut-off series: 1 + x + x^2/2 has derivative 1 + x.
    check_rel("truncated series'", __enzyme_fwddiff((void *)exp_series, x, 1.0, 3), 1 + x, 1e-12);
  }
  const double a[] = {1, 2, 3, 4, 5, 6, 7, 8};
  // x = 1: sums 1, 3, 6, 10 -> stops after 4 terms (10 > 7), derivative 1+2+3+4 = 10.
  check_exact("sum_until d/dx", __enzyme_fwddiff((void *)sum_until, enzyme_const, a, 1.0, 1.0, 7.0, 0.0), 10.0);
  // x = 2: sums 2, 6, 12 -> stops after 3 terms, derivative 6.
  check_exact("sum_until d/dx (3 terms)", __enzyme_fwddiff((void *)sum_until, enzyme_const, a, 2.0, 1.0, 7.0, 0.0), 6.0);
  return finish();
}
