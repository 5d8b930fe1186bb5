// Powers of two written as their bits through a `uint64_t *` into a local double array (a scale
// table built the way fast math code does it), then used as doubles. Forward mode took each 2^i for
// its own tangent (20 where 1 was right); reverse mode was right. Both modes against the hand
// derivative, from optimized and unoptimized input.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s
// CHECK: checks passed
#include <stdint.h>
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
double __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

// Σ 2^i x_i
__attribute__((noinline)) double scaled(const double *x, int n) {
  double scale[8];
  for (int i = 0; i < n; i++) ((uint64_t *)scale)[i] = (uint64_t)(i + 1023) << 52;
  double s = 0;
  for (int i = 0; i < n; i++) s += scale[i] * x[i];
  return s;
}

int main(void) {
  double x[4] = {5, 7, -2, 0.5}, g[4] = {0, 0, 0, 0};
  __enzyme_autodiff((void *)scaled, enzyme_dup, x, g, enzyme_const, 4);
  for (int i = 0; i < 4; i++) {
    double want = (double)(1 << i), direction[4] = {0, 0, 0, 0};
    direction[i] = 1;
    check_rel("reverse", g[i], want, 1e-15);
    check_rel("forward", __enzyme_fwddiff((void *)scaled, enzyme_dup, x, direction, enzyme_const, 4), want, 1e-15);
  }
  return finish();
}
