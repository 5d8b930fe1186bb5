// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// A recursive function: x^n by repeated squaring, d/dx = n x^(n-1); and a recursive sum over a tree
// of calls (Fibonacci-like mixing), compared with finite differences.
#include "../Inputs/check.h"

extern double __enzyme_fwddiff(void *, ...);

double power(double x, int n) {
  if (n == 0) return 1;
  if (n % 2 == 0) {
    double h = power(x, n / 2);
    return h * h;
  }
  return x * power(x, n - 1);
}

double mix(double x, int depth) {
  if (depth <= 1) return sin(x);
  return mix(x, depth - 1) * 0.5 + mix(x * 1.1, depth - 2) * x;
}

int main(void) {
  const double xs[] = {-1.5, 0.5, 1.0, 1.7};
  const int ns[] = {0, 1, 2, 5, 8, 13};
  for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; i++)
    for (unsigned k = 0; k < sizeof ns / sizeof ns[0]; k++) {
      double x = xs[i];
      int n = ns[k];
      char what[64];
      snprintf(what, sizeof what, "d/dx x^%d at %g", n, x);
      check_rel(what, __enzyme_fwddiff((void *)power, x, 1.0, n), n == 0 ? 0.0 : n * pow(x, n - 1), 1e-12);
    }
  for (int depth = 1; depth <= 6; depth++) {
    double x = 0.8, h = 1e-6;
    double d = __enzyme_fwddiff((void *)mix, x, 1.0, depth);
    check_fd("mix'", d, (mix(x + h, depth) - mix(x - h, depth)) / (2 * h), 1e-6);
  }
  return finish();
}
