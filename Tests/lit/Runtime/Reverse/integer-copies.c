// Floating-point data copied as integers: LLVM turns a small memcpy (here of one double, in a helper
// the optimizer keeps) into an integer load and store. The copy carries the tangent's bits in forward
// mode and moves the adjoint back in reverse mode, like the memcpy it was.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
#include <string.h>
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup;

__attribute__((noinline)) void copy_double(double *dst, const double *src) { memcpy(dst, src, sizeof(double)); }
__attribute__((noinline)) void copy_float(float *dst, const float *src) { memcpy(dst, src, sizeof(float)); }

// y = x0 · x1, through copies.
double product(const double *x) {
  double y[2];
  copy_double(&y[0], x);
  copy_double(&y[1], x + 1);
  return y[0] * y[1];
}

float product_f(const float *x) {
  float y[2];
  copy_float(&y[0], x);
  copy_float(&y[1], x + 1);
  return y[0] * y[1];
}

int main(void) {
  double x[2] = {3, 5}, dx[2] = {0, 0}, tx[2] = {1, 0};
  __enzyme_autodiff((void *)product, enzyme_dup, x, dx);
  check_rel("d/dx0 (reverse)", dx[0], 5, 0);
  check_rel("d/dx1 (reverse)", dx[1], 3, 0);
  check_rel("d/dx0 (forward)", __enzyme_fwddiff((void *)product, enzyme_dup, x, tx), 5, 0);
  float xf[2] = {2, 7}, dxf[2] = {0, 0};
  __enzyme_autodiff((void *)product_f, enzyme_dup, xf, dxf);
  check_rel("float d/dx0 (reverse)", dxf[0], 7, 0);
  check_rel("float d/dx1 (reverse)", dxf[1], 2, 0);
  return finish();
}
