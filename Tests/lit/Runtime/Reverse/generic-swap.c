// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// A generic swap of 8 bytes (memcpy through a uint64_t) used on an array of row pointers and on
// an array of doubles. Over the helper and all its callers the bytes are both; they were taken for
// a float, so the reverse derivative did not swap the row pointers' shadows and the gradient went
// to the wrong elements, silently (10 301 4 instead of 0 301 14). What each call's caller holds
// decides now (Reverse/Gradient+Memory.swift). Both modes, against hand derivatives.
#include <stdint.h>
#include <string.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup;

__attribute__((noinline)) static void swap8(void *a, void *b) {
  uint64_t t;
  memcpy(&t, a, 8);
  memcpy(a, b, 8);
  memcpy(b, &t, 8);
}

// 10 x2 + x1 + 100 (3 x1) + 4 x2 = 301 x1 + 14 x2
double f(double *x) {
  double *rows[3] = {&x[0], &x[1], &x[2]};
  double v[3] = {x[0] * 2, x[1] * 3, x[2] * 4};
  swap8(&rows[0], &rows[2]);
  swap8(&v[0], &v[1]);
  return *rows[0] * 10 + *rows[1] + v[0] * 100 + v[2];
}

int main(void) {
  double x[3] = {1.0, 2.0, 3.0}, dx[3] = {0, 0, 0};
  __enzyme_autodiff((void *)f, enzyme_dup, x, dx);
  check_exact("d/dx0", dx[0], 0);
  check_rel("d/dx1", dx[1], 301, 1e-15);
  check_rel("d/dx2", dx[2], 14, 1e-15);
  double v[3] = {1, 1, 1};
  check_rel("tangent", __enzyme_fwddiff((void *)f, enzyme_dup, x, v), 315, 1e-15);
  return finish();
}
