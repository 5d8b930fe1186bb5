// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// pow(x, y) at a negative base with an integer exponent: ∂/∂y = pow(x, y)·ln x is NaN there, and
// was multiplied by y's derivative even when that is 0 (an exponent given a zero tangent, or one a
// Hessian-vector product reloads from the gradient's tape), making the whole derivative NaN. The
// exponent's term is now 0 where its derivative is 0 (Rules/RuleTable.swift, `guarded`), and NaN
// where it is not (the derivative does not exist). Forward mode, and forward over reverse (a
// Hessian-vector product of Σ pow(xᵢ − c, n) with n an int argument), against hand derivatives.
#include <math.h>
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
double __enzyme_fwddiff(void *, ...);
void __enzyme_autodiff(void *, ...);

__attribute__((noinline)) double power(double x, double y) { return pow(x, y); }

__attribute__((noinline)) double energy(const double *x, int n, int k) {
  double s = 0;
  for (int i = 0; i < k; i++) s += pow(x[i] - 1.0, n);
  return s;
}

__attribute__((noinline)) void gradient(const double *x, double *g, int n, int k) {
  for (int i = 0; i < k; i++) g[i] = 0;
  __enzyme_autodiff((void *)energy, enzyme_dup, x, g, enzyme_const, n, enzyme_const, k);
}

int main(void) {
  double x = -1.5, y = 2;
  check_rel("dx, y unperturbed", __enzyme_fwddiff((void *)power, x, 1.0, y, 0.0), 2 * x, 1e-15);
  double both = __enzyme_fwddiff((void *)power, x, 1.0, y, 1.0);
  check_rel("dy through a negative base is no number", isnan(both) ? 1 : 0, 1, 0);
  // H = diag(n (n − 1) (xᵢ − 1)^(n − 2)), every xᵢ − 1 negative.
  enum { K = 3 };
  double p[K] = {-0.5, 0.25, -2.0}, v[K] = {1, -2, 0.5}, g[K], hv[K] = {0};
  int n = 3;
  __enzyme_fwddiff((void *)gradient, enzyme_dup, p, v, enzyme_dup, g, hv, enzyme_const, n, enzyme_const, K);
  for (int i = 0; i < K; i++) check_rel("Hv", hv[i], n * (n - 1) * pow(p[i] - 1, n - 2) * v[i], 1e-14);
  return finish();
}
