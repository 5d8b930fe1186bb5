// REQUIRES: valgrind
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite %t.O0in
// Under valgrind: a differentiated function with loops, calls of defined functions, recursion,
// and malloc/calloc/realloc/posix_memalign/free inside it. Every tape (grown several times past its first 64 KiB
// by a long loop) and every shadow allocation must be freed, and no uninitialized value or invalid
// access may occur. The gradients are checked too.
#define _POSIX_C_SOURCE 200112L
#include <math.h>
#include <stdlib.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern void __enzyme_autodiff_v(void *, ...);
extern int enzyme_const, enzyme_dup, enzyme_out;

__attribute__((noinline)) double smooth(double x) { return x * x / (1 + x * x); }

__attribute__((noinline)) double rec(double x, int n) { return n == 0 ? x : smooth(rec(x, n - 1)) + x; }

// Σ over a malloc'd work array, freed at the end; a calloc'd accumulator.
double work(const double *x, int n, int iters) {
  double *buf = malloc(n * sizeof(double));
  double *acc = calloc(1, sizeof(double));
  for (int i = 0; i < n; i++) buf[i] = smooth(x[i]) + rec(x[i], 3);
  for (int k = 0; k < iters; k++) *acc += buf[k % n] * 1e-3;
  double r = *acc;
  free(acc);
  free(buf);
  return r;
}

// A buffer grown by realloc while it is filled (the shadow moves with it), then freed.
double grow_work(const double *x, int n) {
  int cap = 1;
  double *buf = malloc(cap * sizeof(double));
  for (int i = 0; i < n; i++) {
    if (i == cap) {
      cap *= 2;
      buf = realloc(buf, cap * sizeof(double));
    }
    buf[i] = smooth(x[i]);
  }
  double s = 0;
  for (int i = 0; i < n; i++) s += buf[i] * buf[n - 1 - i];
  free(buf);
  return s;
}

// A buffer from posix_memalign (its pointer written through the first argument, the shadow's
// through that argument's shadow), freed by the function: its shadow is freed too.
double aligned_work(const double *x, int n) {
  double *t;
  if (posix_memalign((void **)&t, 64, n * sizeof(double))) return 0;
  for (int i = 0; i < n; i++) t[i] = x[i] * x[i];
  double s = 0;
  for (int i = 0; i < n; i++) s += sin(t[i]);
  free(t);
  return s;
}

static double dsmooth(double x) { return 2 * x / ((1 + x * x) * (1 + x * x)); }
static double drec(double x, int n) {
  if (n == 0) return 1;
  double inner = x;
  for (int k = 1; k < n; k++) inner = smooth(inner) + x;
  return dsmooth(inner) * drec(x, n - 1) + 1;
}

int main(void) {
  enum { N = 9 };
  double x[N], dx[N];
  rng_fill(x, N);
  char what[64];
  for (int round = 0; round < 3; round++) {
    int iters = round == 2 ? 20000 : 50 + round;  // the last round pushes a large tape
    for (int i = 0; i < N; i++) dx[i] = 0;
    __enzyme_autodiff_v((void *)work, enzyme_dup, x, dx, enzyme_const, N, enzyme_const, iters);
    for (int i = 0; i < N; i++) {
      int uses = iters / N + (i < iters % N ? 1 : 0);
      snprintf(what, sizeof what, "iters %d dx[%d]", iters, i);
      check_rel(what, dx[i], uses * 1e-3 * (dsmooth(x[i]) + drec(x[i], 3)), 1e-10);
    }
  }
  for (int i = 0; i < N; i++) dx[i] = 0;
  __enzyme_autodiff_v((void *)grow_work, enzyme_dup, x, dx, enzyme_const, N);
  for (int i = 0; i < N; i++) {
    snprintf(what, sizeof what, "grow_work dx[%d]", i);
    check_rel(what, dx[i], 2 * dsmooth(x[i]) * smooth(x[N - 1 - i]), 1e-12);
  }
  for (int round = 0; round < 3; round++) {
    for (int i = 0; i < N; i++) dx[i] = 0;
    __enzyme_autodiff_v((void *)aligned_work, enzyme_dup, x, dx, enzyme_const, N);
    for (int i = 0; i < N; i++) {
      snprintf(what, sizeof what, "aligned_work dx[%d]", i);
      check_rel(what, dx[i], 2 * x[i] * cos(x[i] * x[i]), 1e-12);
    }
  }
  for (int n = 0; n < 40; n += 13) {
    snprintf(what, sizeof what, "rec'(0.3, %d)", n);
    check_rel(what, __enzyme_autodiff((void *)rec, enzyme_out, 0.3, enzyme_const, n), drec(0.3, n), 1e-12);
  }
  return finish();
}
