// The C half of swift-main-calls-c.swift: the derivatives are asked for here, in C, with Enzyme's
// entry points; swad differentiates them in the module it links from both languages.
#include "c-gradients.h"

#include <math.h>
#include <string.h>

extern int enzyme_dup, enzyme_const, enzyme_out, enzyme_dupnoneed;
extern xy_gradient __enzyme_autodiff_xy(void *, ...);
extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);

double talk(double x, double y) { return x * y + sin(x) * y; }

xy_gradient talk_gradient(double x, double y) {
  return __enzyme_autodiff_xy((void *)talk, enzyme_out, x, enzyme_out, y);
}

double talk_tangent(double x, double y, double dx, double dy) {
  return __enzyme_fwddiff((void *)talk, enzyme_dup, x, dx, enzyme_dup, y, dy);
}

static double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

void dot_gradient(const double *a, double *da, const double *b, double *db, int n) {
  __enzyme_autodiff((void *)dot, enzyme_dup, a, da, enzyme_dup, b, db, enzyme_const, n);
}

double rosenbrock(const double *x, int n) {
  double s = 0;
  for (int i = 0; i + 1 < n; i++) {
    double u = x[i + 1] - x[i] * x[i], w = 1 - x[i];
    s += 100 * u * u + w * w;
  }
  return s;
}

void rosenbrock_gradient(const double *x, double *g, int n) {
  memset(g, 0, sizeof(double) * n);
  __enzyme_autodiff((void *)rosenbrock, enzyme_dup, x, g, enzyme_const, n);
}

double rosenbrock_tangent(const double *x, const double *v, int n) {
  return __enzyme_fwddiff((void *)rosenbrock, enzyme_dup, x, v, enzyme_const, n);
}
