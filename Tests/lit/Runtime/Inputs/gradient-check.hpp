// The gradient check of the C++ runtime tests: reverse mode's gradient of `f(x, n)`, each component
// against forward mode and against central differences.
#ifndef SWAD_RUNTIME_GRADIENT_CHECK_HPP
#define SWAD_RUNTIME_GRADIENT_CHECK_HPP

#include "check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

// The point x[i] = a + b i + c i², and the tolerances: `modes` relative between the two modes (a
// float's adjoint is rounded to a float in reverse mode only), `tolerance` against central
// differences of step `h`.
struct GradientCheck {
  double a, b, c;
  double modes = 1e-12, h = 1e-6, tolerance = 1e-5;
};

// One `check_rel` against forward mode and one `check_fd` against central differences per
// component, for `n` up to 64.
template <double (*f)(const double *, int)>
static void check_gradient(const char *name, int n, GradientCheck point) {
  double x[64], g[64] = {0};
  for (int i = 0; i < n; i++) x[i] = point.a + point.b * i + point.c * i * i;
  __enzyme_autodiff<double>((void *)f, enzyme_dup, x, g, enzyme_const, n);
  for (int i = 0; i < n; i++) {
    double dx[64] = {0};
    dx[i] = 1;
    char what[100];
    snprintf(what, sizeof what, "%s, n = %d: d/dx%d against forward mode", name, n, i);
    check_rel(what, g[i], __enzyme_fwddiff<double>((void *)f, enzyme_dup, x, dx, enzyme_const, n), point.modes);
    double q[64];
    for (int j = 0; j < n; j++) q[j] = x[j];
    q[i] = x[i] + point.h;
    double up = f(q, n);
    q[i] = x[i] - point.h;
    double down = f(q, n);
    snprintf(what, sizeof what, "%s, n = %d: d/dx%d against central differences", name, n, i);
    check_fd(what, g[i], (up - down) / (2 * point.h), point.tolerance);
  }
}

#endif
