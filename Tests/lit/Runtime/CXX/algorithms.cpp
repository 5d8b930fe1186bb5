// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// std::array, std::accumulate and std::transform with lambdas, std::min/max/clamp, and the C++
// overloads of std::pow, std::sin, std::exp (float and double). Both modes against hand derivatives.
#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

// y = transform(x, x ↦ sin(x)·pow(x, 3)); Σ y by accumulate with a weighting lambda.
double array_transform(const double *in) {
  std::array<double, 4> x, y;
  std::copy(in, in + 4, x.begin());
  std::transform(x.begin(), x.end(), y.begin(), [](double t) { return std::sin(t) * std::pow(t, 3); });
  double w = 1;
  return std::accumulate(y.begin(), y.end(), 0.0, [&w](double s, double t) { w += 1; return s + w * t; });
}
static double d_array_transform(const double *x, int i) {
  double t = x[i];
  return (i + 2) * (std::cos(t) * t * t * t + std::sin(t) * 3 * t * t);
}

// min, max, clamp and the float overloads: clamp(x0, -1, 1)·max(x1, x2) + min(x2, x3) + exp(float x3).
double minmax(const double *x) {
  float f = (float)x[3];
  return std::clamp(x[0], -1.0, 1.0) * std::max(x[1], x[2]) + std::min(x[2], x[3]) + (double)std::exp(f)
         + std::pow(x[1], 2);
}
static void d_minmax(const double *x, double *d) {
  double c = std::clamp(x[0], -1.0, 1.0), m = std::max(x[1], x[2]);
  for (int i = 0; i < 4; i++) d[i] = 0;
  d[0] = (x[0] > -1 && x[0] < 1) ? m : 0;
  if (x[1] >= x[2]) d[1] += c; else d[2] += c;
  if (x[2] <= x[3]) d[2] += 1; else d[3] += 1;
  d[3] += std::exp((float)x[3]);
  d[1] += 2 * x[1];
}

template <double (*f)(const double *)> static void check_grad(const char *name, const double *x, const double *want, double tol) {
  double dx[4] = {0};
  __enzyme_autodiff((void *)f, enzyme_dup, x, dx);
  for (int i = 0; i < 4; i++) {
    check_rel(name, dx[i], want[i], tol);
    double v[4] = {0};
    v[i] = 1;
    check_rel(name, __enzyme_fwddiff((void *)f, enzyme_dup, x, v), want[i], tol);
  }
}

int main() {
  const double points[][4] = {{0.5, -1.0, 2.0, 0.25}, {1.5, 0.3, -0.2, 0.7}, {-3, 2, 1, -1.5}};
  for (auto &x : points) {
    double want[4];
    for (int i = 0; i < 4; i++) want[i] = d_array_transform(x, i);
    check_grad<array_transform>("array_transform", x, want, 1e-13);
    d_minmax(x, want);
    check_grad<minmax>("minmax", x, want, 1e-6);
  }
  return finish();
}
