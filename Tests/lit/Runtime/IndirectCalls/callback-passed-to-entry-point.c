// An ODE's right-hand side handed to the entry point itself, as `enzyme_const` (Enzyme's usual
// pattern), and nowhere else: the differentiated integrator calls it through a pointer. Its only use
// was the entry point's call, which IndirectCallPromotion skipped as the differentiated function's
// own use, so it was no candidate, and the derivative stopped at run time saying the pointer
// reached a function outside the module. Reverse and forward mode against the exact solution of
// y' = -k y (y(t) = y0 exp(-k t), one RK4 step per 0.01), from -O2 and -O0 input.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s
// CHECK: checks passed
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

typedef double (*rhs)(double y, const double *k);

static double decay(double y, const double *k) { return -k[0] * y; }

// y(1) for y(0) = state[0], parameter state[1], by RK4 with `steps` steps.
double integrate(const double *state, rhs f, int steps) {
  double y = state[0], h = 1.0 / steps;
  const double *k = &state[1];
  for (int i = 0; i < steps; i++) {
    double a = f(y, k), b = f(y + h / 2 * a, k), c = f(y + h / 2 * b, k), d = f(y + h * c, k);
    y += h / 6 * (a + 2 * b + 2 * c + d);
  }
  return y;
}

int main(void) {
  double state[2] = {1.5, 0.7}, gradient[2] = {0, 0};
  __enzyme_autodiff((void *)integrate, enzyme_dup, state, gradient, enzyme_const, decay, enzyme_const, 100);
  double exact = state[0] * exp(-state[1]);
  check_rel("dy/dy0", gradient[0], exact / state[0], 1e-9);
  check_rel("dy/dk", gradient[1], -exact, 1e-9);
  double direction[2] = {1, 0};
  check_rel("forward dy/dy0",
            __enzyme_fwddiff((void *)integrate, enzyme_dup, state, direction, enzyme_const, decay, enzyme_const, 100),
            gradient[0], 1e-12);
  return finish();
}
