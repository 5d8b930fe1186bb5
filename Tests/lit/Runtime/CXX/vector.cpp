// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// std::vector inside differentiated code, exceptions on: push_back, reserve, resize, insert,
// iterators, copies. Both modes against hand derivatives.
#include <vector>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

// v = [x0², …, x_{n−1}²] (reserved, pushed), then 2·x0 inserted at the front and the copy w of v
// resized with 1.5·x_{n−1}; Σ over v by iterators of (k+1)·vₖ, plus Σ over w by range-for.
double vector_ops(const double *x, int n) {
  std::vector<double> v;
  v.reserve(2);
  for (int i = 0; i < n; i++) v.push_back(x[i] * x[i]);
  v.insert(v.begin(), 2 * x[0]);
  std::vector<double> w(v);
  w.resize(w.size() + 2, 1.5 * x[n - 1]);
  double s = 0;
  int k = 1;
  for (auto it = v.begin(); it != v.end(); ++it) s += k++ * *it;
  for (double e : w) s += e;
  return s;
}

static double want(const double *x, int n, int i) {
  // v = [2x0, x0², …]: d/dxi of Σ(k+1)vk is (i+2)·2xi, plus 2·1 for x0; w adds 2xi (+2 for x0) and
  // 2·1.5 for the last.
  double d = (i + 2) * 2 * x[i] + 2 * x[i];
  if (i == 0) d += 2 + 2;
  if (i == n - 1) d += 3;
  return d;
}

int main() {
  const int n = 6;
  double x[n] = {0.5, -1.0, 2.0, 0.25, 3.0, -0.75};
  double dx[n] = {0};
  __enzyme_autodiff((void *)vector_ops, enzyme_dup, x, dx, enzyme_const, n);
  for (int i = 0; i < n; i++) {
    check_rel("reverse", dx[i], want(x, n, i), 1e-14);
    double v[n] = {0};
    v[i] = 1;
    check_rel("forward", __enzyme_fwddiff((void *)vector_ops, enzyme_dup, x, v, enzyme_const, n), want(x, n, i), 1e-14);
  }
  return finish();
}
