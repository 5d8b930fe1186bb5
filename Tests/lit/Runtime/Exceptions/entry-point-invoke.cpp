// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// Entry points reached through `invoke`: the caller keeps std::vectors alive across the calls of
// __enzyme_autodiff, __enzyme_fwddiff and the split pair, so clang calls them with landing pads.
#include <vector>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern "C" void *__enzyme_augmentfwd(void *, ...);
extern "C" double __enzyme_reverse(void *, ...);
extern int enzyme_dup, enzyme_const, enzyme_out;

double dot_sin(const double *x, const double *y, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += x[i] * sin(y[i]);
  return s;
}

int main() {
  const int n = 4;
  std::vector<double> x = {1, 2, 3, 4}, y = {0.1, 0.2, 0.3, 0.4};
  std::vector<double> dx(n), dy(n);
  __enzyme_autodiff((void *)dot_sin, enzyme_dup, x.data(), dx.data(), enzyme_dup, y.data(), dy.data(),
                    enzyme_const, n);
  for (int i = 0; i < n; i++) {
    check_rel("reverse d/dx", dx[i], sin(y[i]), 1e-15);
    check_rel("reverse d/dy", dy[i], x[i] * cos(y[i]), 1e-15);
  }
  std::vector<double> ones(n, 1.0), zeros(n, 0.0);
  double t = __enzyme_fwddiff((void *)dot_sin, enzyme_dup, x.data(), ones.data(), enzyme_dup, y.data(),
                              zeros.data(), enzyme_const, n);
  double want = 0;
  for (int i = 0; i < n; i++) want += sin(y[i]);
  check_rel("forward", t, want, 1e-15);

  std::vector<double> sx(n), sy(n);
  void *tape = __enzyme_augmentfwd((void *)dot_sin, enzyme_dup, x.data(), sx.data(), enzyme_dup, y.data(),
                                   sy.data(), enzyme_const, n);
  __enzyme_reverse((void *)dot_sin, enzyme_dup, x.data(), sx.data(), enzyme_dup, y.data(), sy.data(),
                   enzyme_const, n, 1.0, tape);
  for (int i = 0; i < n; i++) check_rel("split d/dx", sx[i], sin(y[i]), 1e-15);
  return finish();
}
