// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// An integrator whose state, a struct passed by value, starts as a constant (clang passes the
// constant global itself as the by-value argument) and is advanced in place by the callee
// (`y = step(a, &y)`). The callee's copy had no shadow: the derivatives written into it were lost,
// and the unshadowed-memory check stopped the program. Both modes, against central differences
// and against each other (Support/ByValueParameters.swift).
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup;

typedef struct { double p, q, r; } State;

__attribute__((noinline)) static State step(double a, double b, const State *y) {
  State n = {a * y->p + y->q * b, 0.5 * y->q + sin(y->r) * a, y->r * b};
  return n;
}

__attribute__((noinline)) static double run(double a, double b, State y) {
  for (int i = 0; i < 4; i++) y = step(a, b, &y);
  return y.p + y.q * y.r;
}

double integrate(const double *x, int n) {
  (void)n;
  State y0 = {1.0, 0.5, 0.25};
  return run(x[0], x[1], y0);
}

int main(void) {
  double x[2] = {1.1, 0.7}, dx[2] = {0, 0};
  __enzyme_autodiff((void *)integrate, enzyme_dup, x, dx, 2);
  check_gradient_fd("integrate", integrate, x, dx, 2, 1e-6, 1e-7);
  for (int i = 0; i < 2; i++) {
    double v[2] = {i == 0, i == 1};
    double tangent = __enzyme_fwddiff((void *)integrate, enzyme_dup, x, v, 2);
    check_rel(i == 0 ? "tangent d/dx0" : "tangent d/dx1", tangent, dx[i], 1e-13);
  }
  return finish();
}
