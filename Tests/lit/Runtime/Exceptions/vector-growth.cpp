// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// std::vector growing inside a differentiated function compiled with exceptions on: push_back
// (which reallocates, and may throw length_error or bad_alloc) and resize. Both modes, against
// hand derivatives.
#include <vector>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const, enzyme_out;

// Features x₀, x₀², x₁, x₁², …, then three 1s; Σₖ (k+1)·fₖ.
double features(const double *x, int n) {
  std::vector<double> f;
  for (int i = 0; i < n; i++) {
    f.push_back(x[i]);
    f.push_back(x[i] * x[i]);
  }
  f.resize(f.size() + 3, 1.0);
  double s = 0;
  for (size_t k = 0; k < f.size(); k++) s += (k + 1) * f[k];
  return s;
}

int main() {
  const int n = 5;
  double x[n] = {0.5, -1.0, 2.0, 0.25, 3.0};
  double dx[n] = {0, 0, 0, 0, 0};
  __enzyme_autodiff((void *)features, enzyme_dup, x, dx, enzyme_const, n);
  for (int i = 0; i < n; i++) {
    double want = (2 * i + 1) + (2 * i + 2) * 2 * x[i];
    check_rel("reverse", dx[i], want, 1e-14);
    double v[n] = {0, 0, 0, 0, 0};
    v[i] = 1;
    check_rel("forward", __enzyme_fwddiff((void *)features, enzyme_dup, x, v, enzyme_const, n), want, 1e-14);
  }
  return finish();
}
