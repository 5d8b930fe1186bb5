// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.plain.bc
// RUN: %swad-opt %t.plain.bc -o %t.plain.opt.bc
// RUN: %clang %t.plain.opt.bc -o %t.plain -lm
// RUN: %t.plain
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Rows of a matrix copied in parts (two memcpy of half a row each, the way messages are packed
// field by field), both modes against hand derivatives. The copies' element type was the row,
// `[4 x double]`, longer than each copy: the reverse sweep moved whole rows, none of them, and the
// gradient was silently 0 (forward mode was right). Memory of one floating-point type now moves
// element by element (Gradient+Memory.accumulate, MemoryTypes.repeatedFloat).
#include <string.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup;

// src[k][i] = p[i % 2] (k + 1 + i); f = sum_k sum_{i<2} out[k][i] out[k][i + 2].
double f(double *p) {
  double src[2][4], out[2][4];
  for (int k = 0; k < 2; k++)
    for (int i = 0; i < 4; i++) src[k][i] = p[i % 2] * (k + 1 + i);
  double s = 0;
  for (int k = 0; k < 2; k++) {
    memcpy(&out[k][0], &src[k][0], 2 * sizeof(double));
    memcpy(&out[k][2], &src[k][2], 2 * sizeof(double));
    for (int i = 0; i < 2; i++) s += out[k][i] * out[k][i + 2];
  }
  return s;
}

int main(void) {
  double p[2] = {0.3, -0.5};
  // f = sum_k [p0^2 (k+1)(k+3) + p1^2 (k+2)(k+4)]
  double want[2] = {2 * p[0] * (1 * 3 + 2 * 4), 2 * p[1] * (2 * 4 + 3 * 5)};
  double g[2] = {0, 0};
  __enzyme_autodiff((void *)f, enzyme_dup, p, g);
  check_rel("reverse d/dp0", g[0], want[0], 1e-14);
  check_rel("reverse d/dp1", g[1], want[1], 1e-14);
  double d0[2] = {1, 0}, d1[2] = {0, 1};
  check_rel("forward d/dp0", __enzyme_fwddiff((void *)f, enzyme_dup, p, d0), want[0], 1e-14);
  check_rel("forward d/dp1", __enzyme_fwddiff((void *)f, enzyme_dup, p, d1), want[1], 1e-14);
  return finish();
}
