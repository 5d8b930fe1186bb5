// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// A switch on an integer inside a loop: each iteration applies the operation its case selects, and
// the reverse sweep must replay the cases taken, in reverse order.
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern int enzyme_const, enzyme_out;

double apply_ops(double x, const int *ops, int n) {
  for (int i = 0; i < n; i++) {
    switch (ops[i]) {
    case 0: x = sin(x); break;
    case 1: x = x * x; break;
    case 2: x = exp(x) * 0.5; break;
    case 3: x = 1.0 / (1.0 + x * x); break;
    case 7: x = 3.0 * x - 1.0; break;
    default: break;  // identity
    }
  }
  return x;
}

// The same, with the chain rule written by hand.
static double apply_ops_derivative(double x, const int *ops, int n) {
  double d = 1;
  for (int i = 0; i < n; i++) {
    switch (ops[i]) {
    case 0: d *= cos(x); x = sin(x); break;
    case 1: d *= 2 * x; x = x * x; break;
    case 2: d *= exp(x) * 0.5; x = exp(x) * 0.5; break;
    case 3: d *= -2 * x / ((1 + x * x) * (1 + x * x)); x = 1.0 / (1.0 + x * x); break;
    case 7: d *= 3.0; x = 3.0 * x - 1.0; break;
    default: break;
    }
  }
  return d;
}

int main(void) {
  const int programs[][8] = {
      {0, 1, 2, 3, 7, 5, 0, 1}, {7, 7, 7, 7, 7, 7, 7, 7}, {3, 0, 3, 0, 3, 0, 3, 0},
      {9, 9, 9, 9, 9, 9, 9, 9}, {1, 2, 0, 7, 3, 1, 0, 2}, {2, 1, 7, 9, 0, 3, 1, 7},
  };
  const double xs[] = {-0.8, 0.1, 0.6, 1.3};
  char what[96];
  for (unsigned p = 0; p < sizeof programs / sizeof programs[0]; p++)
    for (unsigned t = 0; t < sizeof xs / sizeof xs[0]; t++)
      for (int n = 0; n <= 8; n += 4) {
        double x = xs[t];
        double got = __enzyme_autodiff((void *)apply_ops, enzyme_out, x, enzyme_const, programs[p], enzyme_const, n);
        snprintf(what, sizeof what, "program %u, x = %g, n = %d", p, x, n);
        check_rel(what, got, apply_ops_derivative(x, programs[p], n), 1e-12);
      }
  return finish();
}
