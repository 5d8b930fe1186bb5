// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// A constant double copied over an active one as an integer (a `memcpy` of 8 bytes in a helper)
// or byte by byte: the bits were mirrored into the destination's shadow like an integer's, so the
// constant's value became the tangent (15 20 instead of 0 5), and in reverse mode the overwritten
// value kept its adjoint (8 5 or 3 5 instead of 0 5). Copied float bits from memory without a
// shadow now have a zero derivative (ActivityAnalysis.isCopiedFloatBits). Found by the review.
// Both modes, against hand derivatives.
#include <stddef.h>
#include <string.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

__attribute__((noinline)) static void assign8(void *d, const void *s) { memcpy(d, s, 8); }
__attribute__((noinline)) static void assign_bytes(void *d, const void *s, size_t n) {
  unsigned char *p = d;
  const unsigned char *q = s;
  for (size_t i = n; i-- > 0;) {
    unsigned char t = q[i];
    p[i] = t;
    __asm__ volatile("" ::: "memory");
  }
}

// v = {x0, x1}; v[0] = c[0]: c0 x1
__attribute__((noinline)) double by_integer(double *x, const double *c) {
  double v[2] = {x[0], x[1]};
  assign8(&v[0], &c[0]);
  return v[0] * v[1];
}

__attribute__((noinline)) double by_bytes(double *x, const double *c) {
  double v[2] = {x[0], x[1]};
  assign_bytes(&v[0], &c[0], sizeof(double));
  return v[0] * v[1];
}

int main(void) {
  double c[1] = {5};
  for (int k = 0; k < 2; k++) {
    double x[2] = {2, 3}, dx[2] = {0, 0};
    if (k == 0) __enzyme_autodiff((void *)by_integer, enzyme_dup, x, dx, enzyme_const, c);
    else __enzyme_autodiff((void *)by_bytes, enzyme_dup, x, dx, enzyme_const, c);
    check_exact(k ? "bytes d/dx0" : "integer d/dx0", dx[0], 0);
    check_rel(k ? "bytes d/dx1" : "integer d/dx1", dx[1], c[0], 1e-15);
    double t0[2] = {1, 0}, t1[2] = {0, 1};
    double a = k ? __enzyme_fwddiff((void *)by_bytes, enzyme_dup, x, t0, enzyme_const, c)
                 : __enzyme_fwddiff((void *)by_integer, enzyme_dup, x, t0, enzyme_const, c);
    double b = k ? __enzyme_fwddiff((void *)by_bytes, enzyme_dup, x, t1, enzyme_const, c)
                 : __enzyme_fwddiff((void *)by_integer, enzyme_dup, x, t1, enzyme_const, c);
    check_exact(k ? "bytes tangent 0" : "integer tangent 0", a, 0);
    check_rel(k ? "bytes tangent 1" : "integer tangent 1", b, c[0], 1e-15);
  }
  return finish();
}
