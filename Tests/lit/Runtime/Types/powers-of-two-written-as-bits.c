// Powers of two written as their bits through a `uint64_t *` into a local double array (a scale
// table built the way fast math code does it), then used as doubles. Forward mode took each 2^i for
// its own tangent (20 where 1 was right); reverse mode was right. And written into a duplicated
// output the function does not read (`scaled_out`, the caller reads doubles): forward mode gave each
// 2^i as its tangent where 0 is right. Both modes against the hand derivative, from optimized and
// unoptimized input.
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
#include <string.h>
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

// out[2i] = 2^i from its bits (through memcpy, as portable code writes it), out[2i+1] = 2^i x_i.
__attribute__((noinline)) void scaled_out(const double *x, double *out, int n) {
  for (int i = 0; i < n; i++) {
    uint64_t bits = (uint64_t)(i + 1023) << 52;
    memcpy(&out[2 * i], &bits, sizeof bits);
    out[2 * i + 1] = out[2 * i] * x[i];
  }
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

  // The output's tangent along x' = (1, -2, 3, 0.5): 0 for each power of two, 2^i x'_i beside it.
  double v[4] = {1, -2, 3, 0.5}, out[8], dout[8];
  for (int i = 0; i < 8; i++) dout[i] = 7;  // overwritten by the derivative
  __enzyme_fwddiff((void *)scaled_out, enzyme_dup, x, v, enzyme_dup, out, dout, enzyme_const, 4);
  for (int i = 0; i < 4; i++) {
    check_exact("2^i", out[2 * i], (double)(1 << i));
    check_exact("forward, the power of two's tangent", dout[2 * i], 0);
    check_rel("forward, 2^i x_i", dout[2 * i + 1], (double)(1 << i) * v[i], 1e-15);
  }
  // Reverse mode with every output's adjoint 1: x_i's is 2^i (the powers of two are constants).
  double seeds[8], gx[4] = {0, 0, 0, 0};
  for (int i = 0; i < 8; i++) seeds[i] = 1;
  __enzyme_autodiff((void *)scaled_out, enzyme_dup, x, gx, enzyme_dup, out, seeds, enzyme_const, 4);
  for (int i = 0; i < 4; i++) check_rel("reverse, through the output", gx[i], (double)(1 << i), 1e-15);
  return finish();
}
