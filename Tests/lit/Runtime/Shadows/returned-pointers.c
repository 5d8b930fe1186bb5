// Pointers returned by functions the optimizer keeps out of line carry their shadows: heap memory
// from a malloc / calloc wrapper, a slot handed out from a global pool, a pointer into an argument,
// and a pointer chosen between two arguments by value. Active data written through them reaches the
// gradient and the tangent, in both modes, on optimized and unoptimized input.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
#include <stdlib.h>
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

__attribute__((noinline)) static double *new_array(size_t n) { return (double *)malloc(n * sizeof(double)); }
__attribute__((noinline)) static double *new_zeroed(size_t n) { return (double *)calloc(n, sizeof(double)); }
__attribute__((noinline)) static void release(double *p) { free(p); }

static double pool[64];
static int pool_next = 0;
__attribute__((noinline)) static double *slot(void) { return &pool[pool_next++ % 64]; }

__attribute__((noinline)) static double *element(double *base, int i) { return base + i; }
__attribute__((noinline)) static double *larger(double *a, double *b) { return *a > *b ? a : b; }
__attribute__((noinline)) static double sum_of(const double *p, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += p[i];
  return s;
}

// Σ x_i² sin x_i (through two allocated arrays and a pool slot) + 2 max(x_0, x_1) + Σ x_i³ (summed
// by a helper from a third array).
double f(double *x, int n) {
  double *sq = new_array(n);
  double *sn = new_zeroed(n);
  double *cube = new_array(n);
  for (int i = 0; i < n; i++) {
    sq[i] = x[i] * x[i];
    sn[i] += sin(*element(x, i));
    cube[i] = sq[i] * *element(x, i);
  }
  double *s = slot();
  *s = 0;
  for (int i = 0; i < n; i++) *s += sq[i] * sn[i];
  double r = *s + 2 * *larger(x, element(x, 1)) + sum_of(cube, n);
  release(sq);
  release(sn);
  release(cube);
  return r;
}

int main(void) {
  double x[3] = {0.5, 1.5, -2}, dx[3] = {0}, t[3] = {1, 2, 3};
  double want[3], want_t = 0;
  for (int i = 0; i < 3; i++) {
    want[i] = 2 * x[i] * sin(x[i]) + x[i] * x[i] * cos(x[i]) + 3 * x[i] * x[i] + (i == 1 ? 2 : 0);
    want_t += want[i] * t[i];
  }
  char what[32];
  __enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_const, 3);
  for (int i = 0; i < 3; i++) {
    snprintf(what, sizeof what, "dx[%d]", i);
    check_rel(what, dx[i], want[i], 1e-13);
  }
  // A second gradient: the pool hands out another slot, dx accumulates.
  __enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_const, 3);
  for (int i = 0; i < 3; i++) {
    snprintf(what, sizeof what, "dx[%d] accumulated", i);
    check_rel(what, dx[i], 2 * want[i], 1e-13);
  }
  check_rel("tangent", __enzyme_fwddiff((void *)f, enzyme_dup, x, t, enzyme_const, 3), want_t, 1e-13);
  // The primal still runs: the value agrees with f.
  double value = 0;
  for (int i = 0; i < 3; i++) value += x[i] * x[i] * sin(x[i]) + x[i] * x[i] * x[i];
  value += 2 * x[1];
  check_rel("value", f(x, 3), value, 1e-13);
  return finish();
}
