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
// A generic swap byte by byte (an `unsigned char` loop, as hand-written sorts of any element type
// do) of row pointers and of doubles. The primal's bytes were mirrored into the shadows: wrong
// derivatives, silently, in both modes (2 1 0 instead of 2 1 10; a tangent of 604 instead of 304).
// The shadows' bytes move now (Activity/ActivityAnalysis.swift, isByteCopy): reverse and forward
// mode through the pointers, forward mode through the doubles (reverse mode refuses a double
// moved in pieces: Reverse/error-byte-copy-of-floats.ll). Against hand derivatives. The doubles go
// through a swap of their own: one derivative of a swap serves all its callers, so reverse mode
// refuses a byte swap that some caller hands doubles (Runtime/Types/byte-swap-of-parameter-refused.c).
#include <stddef.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup;

__attribute__((noinline)) static void swap_bytes(void *a, void *b, size_t n) {
  unsigned char *p = a, *q = b;
  for (size_t i = 0; i < n; i++) {
    unsigned char t = p[i];
    p[i] = q[i];
    q[i] = t;
  }
}

__attribute__((noinline)) static void swap_value_bytes(void *a, void *b, size_t n) {
  unsigned char *p = a, *q = b;
  for (size_t i = 0; i < n; i++) {
    unsigned char t = p[i];
    p[i] = q[i];
    q[i] = t;
  }
}

// 10 x2 + x1 x0
double rows_swapped(double *x) {
  double *rows[3] = {&x[0], &x[1], &x[2]};
  swap_bytes(&rows[0], &rows[2], sizeof(double *));
  return *rows[0] * 10 + *rows[1] * x[0];
}

// 100 (3 x1) + 4 x2
double values_swapped(double *x) {
  double v[3] = {x[0] * 2, x[1] * 3, x[2] * 4};
  swap_value_bytes(&v[0], &v[1], sizeof(double));
  return v[0] * 100 + v[2];
}

int main(void) {
  double x[3] = {1.0, 2.0, 3.0}, dx[3] = {0, 0, 0};
  __enzyme_autodiff((void *)rows_swapped, enzyme_dup, x, dx);
  check_rel("rows d/dx0", dx[0], x[1], 1e-15);
  check_rel("rows d/dx1", dx[1], x[0], 1e-15);
  check_rel("rows d/dx2", dx[2], 10, 1e-15);
  double v[3] = {1, 1, 1};
  check_rel("rows tangent", __enzyme_fwddiff((void *)rows_swapped, enzyme_dup, x, v), x[1] + x[0] + 10, 1e-15);
  check_rel("values tangent", __enzyme_fwddiff((void *)values_swapped, enzyme_dup, x, v), 304, 1e-15);
  return finish();
}
