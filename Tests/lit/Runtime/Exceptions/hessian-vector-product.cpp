// Forward over reverse (a Hessian-vector product) of C++ built with exceptions on: the objective
// keeps its terms in a std::vector of run-time size, so its gradient releases its shadows on an
// unwinding path too (`swad.unwind.release`), which forward mode then differentiates. That helper
// only frees the gradient's own blocks: inactive, as the release after the gradient is. Before, it
// was an error naming swad's helper ("indirect call in 'swad.unwind.release'"). Each product is
// checked against central differences of the gradient, and the gradient against the hand-derived
// one, from optimized and unoptimized input.
// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
#include <vector>
#include "../Inputs/check.h"

extern "C" int enzyme_dup, enzyme_const;
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

// The extended Rosenbrock function, its terms kept in a vector first.
double rosenbrock(const double *x, int n) {
  std::vector<double> terms(n - 1);
  for (int i = 0; i + 1 < n; i++) {
    double a = x[i + 1] - x[i] * x[i], b = 1 - x[i];
    terms[i] = 100 * a * a + b * b;
  }
  double sum = 0;
  for (double t : terms) sum += t;
  return sum;
}

void gradient(const double *x, double *g, int n) {
  for (int i = 0; i < n; i++) g[i] = 0;
  __enzyme_autodiff<void>((void *)rosenbrock, enzyme_dup, x, g, enzyme_const, n);
}

int main() {
  const int N = 5;
  double x[N] = {-1.2, 1.0, 0.7, -0.3, 1.4};
  for (int j = 0; j < N; j++) {
    double v[N] = {0}, g[N], hv[N] = {0};
    v[j] = 1;
    __enzyme_fwddiff<void>((void *)gradient, enzyme_dup, x, v, enzyme_dup, g, hv, enzyme_const, N);
    // Column j of the Hessian by central differences of the gradient.
    double up[N], down[N], saved = x[j], h = 1e-6;
    x[j] = saved + h;
    gradient(x, up, N);
    x[j] = saved - h;
    gradient(x, down, N);
    x[j] = saved;
    for (int i = 0; i < N; i++) {
      char what[64];
      snprintf(what, sizeof what, "H[%d][%d]", i, j);
      check_fd(what, hv[i], (up[i] - down[i]) / (2 * h), 1e-6);
    }
    if (j == 0) {
      // The gradient the product also returns: d/dx0 = -400 x0 (x1 - x0^2) - 2 (1 - x0).
      check_rel("g[0]", g[0], -400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0]), 1e-12);
    }
  }
  return finish();
}
