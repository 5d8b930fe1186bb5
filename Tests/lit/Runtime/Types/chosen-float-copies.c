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
// Structs holding a double, scaled by helpers that are not inlined, then one of two chosen and
// copied (`m = c ? b : a`): the optimizer copies them as 64-bit integers through a select, which
// was refused ("floating-point memory is loaded as an integer"). The choice is given back its
// floating-point type (Types/RetypedCopies.swift). Both modes, against hand derivatives.
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup;

typedef struct { double v; } Scalar;

__attribute__((noinline)) static void scale(Scalar *s, double k) { s->v *= k; }
__attribute__((noinline)) static double value(const Scalar *s) { return s->v; }

// 10 · max(2 x0, 3 x1) · x0
double larger_scaled(double *x) {
  Scalar a = {x[0]}, b = {x[1]}, m;
  scale(&a, 2.0);
  scale(&b, 3.0);
  if (value(&b) > value(&a)) m = b; else m = a;
  return 10 * value(&m) * x[0];
}

int main(void) {
  double x[2] = {1.0, 2.0}, dx[2] = {0, 0};  // 3 x1 = 6 > 2 x0 = 2: f = 30 x1 x0
  __enzyme_autodiff((void *)larger_scaled, enzyme_dup, x, dx);
  check_rel("d/dx0", dx[0], 30 * x[1], 1e-15);
  check_rel("d/dx1", dx[1], 30 * x[0], 1e-15);
  double v[2] = {1, 1};
  check_rel("tangent", __enzyme_fwddiff((void *)larger_scaled, enzyme_dup, x, v), 30 * (x[0] + x[1]), 1e-15);
  double y[2] = {4.0, 1.0}, dy[2] = {0, 0};  // 2 y0 = 8 > 3 y1 = 3: f = 20 y0²
  __enzyme_autodiff((void *)larger_scaled, enzyme_dup, y, dy);
  check_rel("d/dy0", dy[0], 40 * y[0], 1e-15);
  check_exact("d/dy1", dy[1], 0);
  return finish();
}
