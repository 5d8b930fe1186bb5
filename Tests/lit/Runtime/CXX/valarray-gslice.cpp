// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// A `std::valarray` indexed by a `std::gslice` (a 2-D block of a row-major array): libstdc++
// builds the slice's index table out of line (`std::gslice::_Indexer`), from sizes and strides
// only. It was refused as a call without a body or a rule; it is inactive now
// (Rules/CXXRuntime.swift). Against central differences, forward mode against reverse.
#include <valarray>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

__attribute__((noinline)) double block(const double *x, int n) {
  std::valarray<double> v(x, n);
  std::valarray<double> m = v[std::gslice(1, std::valarray<size_t>{2, 3}, std::valarray<size_t>{4, 1})];
  return (m * m * m).sum() + m.max();
}

int main() {
  enum { N = 8 };
  double x[N], dx[N] = {0};
  for (int i = 0; i < N; i++) x[i] = 0.7 * __builtin_sin(1.1 * i + 0.3);
  __enzyme_autodiff((void *)block, enzyme_dup, x, dx, enzyme_const, N);
  check_gradient_fd("block", block, x, dx, N, 1e-6, 1e-6);
  for (int i = 0; i < N; i++) {
    double direction[N] = {0};
    direction[i] = 1;
    char name[64];
    snprintf(name, sizeof name, "forward d/dx[%d]", i);
    check_rel(name, __enzyme_fwddiff((void *)block, enzyme_dup, x, direction, enzyme_const, N), dx[i], 1e-12);
  }
  return finish();
}
