// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// reallocarray (glibc 2.26, the BSDs), realloc of count × size bytes, inside the differentiated
// function: a work array allocated by it and grown by it, written and read back, also by helpers
// called with no active argument; both modes, against derivatives by hand. Before, reallocarray
// was an unknown allocator: its block had no shadow, and the program stopped with the error for
// memory without a shadow, or, read back by a helper, the derivative was silently 0 from
// optimized input.
#define _GNU_SOURCE
#include <stdlib.h>
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
double __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

__attribute__((noinline)) static void put(double *w, double v) { *w = v * v; }
__attribute__((noinline)) static double get(const double *w) { return *w; }

/* sum_i (x (i + 1))^2 over n, the array grown from 1 by doubling, then x^2 through the helpers. */
__attribute__((noinline)) double grown(double x, int n) {
  int capacity = 1;
  double *d = reallocarray(NULL, capacity, sizeof(double));
  for (int i = 0; i < n; i++) {
    if (i == capacity) {
      capacity *= 2;
      d = reallocarray(d, capacity, sizeof(double));
    }
    d[i] = x * (i + 1);
  }
  double r = 0;
  for (int i = 0; i < n; i++) r += d[i] * d[i];
  put(&d[0], x);
  r += get(&d[0]);
  free(d);
  return r;
}

int main(void) {
  for (int n = 1; n <= 9; n += 4) {
    double x = 1.25, squares = 0;
    for (int i = 1; i <= n; i++) squares += i * i;
    double want = 2 * x * squares + 2 * x;
    check_rel("reverse", __enzyme_autodiff((void *)grown, x, enzyme_const, n), want, 1e-15);
    check_rel("forward", __enzyme_fwddiff((void *)grown, x, 1.0, enzyme_const, n), want, 1e-15);
  }
  return finish();
}
