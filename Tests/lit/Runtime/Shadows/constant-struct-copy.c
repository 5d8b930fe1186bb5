// A struct holding a pointer and a double copied from constant memory (an enzyme_const argument) by a
// helper's memcpy, then used: the copy's shadow must keep the pointer (constant data is its own
// shadow) and zero the double. Forward mode zeroed the whole shadow, so the code following the
// pointer read through null (undefined behaviour the optimizer turned into an unreachable main).
// Both modes, against the hand-derived gradient, from optimized and unoptimized input.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
#include <math.h>
#include <stdio.h>
#include <string.h>
extern double __enzyme_fwddiff(void*, ...);
extern double __enzyme_autodiff(void*, ...);
extern int enzyme_dup, enzyme_const;
typedef struct { const double *w; int n; double scale; } Table;
__attribute__((noinline)) static double weighted(const Table *t, const double *x) {
  double s = 0;
  for (int i = 0; i < t->n; i++) s += t->w[i] * x[i] * x[i];
  return s * t->scale;
}
__attribute__((noinline)) static void copy_table(Table *dst, const Table *src) { memcpy(dst, src, sizeof *dst); }
// f = scale x2 (w0 x0^2 + w1 x1^2 + w2 x2^2)
double f(const Table *tab, const double *x) {
  Table local;
  copy_table(&local, tab);
  local.scale *= x[2];
  return weighted(&local, x);
}
int main(void) {
  static const double weights[3] = {1, 2, 3};
  Table table = {weights, 3, 0.5};
  double x[3] = {1.5, -2, 0.75}, dx[3] = {0};
  __enzyme_autodiff((void*)f, enzyme_const, &table, enzyme_dup, x, dx);
  double s = weights[0] * x[0] * x[0] + weights[1] * x[1] * x[1] + weights[2] * x[2] * x[2];
  double want[3] = {0.5 * x[2] * 2 * weights[0] * x[0], 0.5 * x[2] * 2 * weights[1] * x[1],
                    0.5 * s + 0.5 * x[2] * 2 * weights[2] * x[2]};
  int ok = 1;
  for (int i = 0; i < 3; i++) {
    double v[3] = {0, 0, 0};
    v[i] = 1;
    double t = __enzyme_fwddiff((void*)f, enzyme_const, &table, enzyme_dup, x, v);
    printf("df/dx%d: forward %.17g reverse %.17g want %.17g\n", i, t, dx[i], want[i]);
    ok &= fabs(t - want[i]) <= 1e-14 * fabs(want[i]) && fabs(dx[i] - want[i]) <= 1e-14 * fabs(want[i]);
  }
  printf("table unchanged: scale %g\n", table.scale);
  return !(ok && table.scale == 0.5);
}
