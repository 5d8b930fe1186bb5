// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// A work array grown with realloc inside the differentiated function (a dynamic array's push).
// realloc moves the contents, and with them their adjoints: elements written before a realloc are
// read after it, so the reverse sweep must find their adjoints in the memory the shadow moved to,
// not in the freed block.
#include <stdlib.h>
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern int enzyme_const, enzyme_dup;

// buf grows by doubling from 1 element; buf[i] = x[i]²; returns Σ buf[i] · (i + 1).
double grow_and_sum(const double *x, int n) {
  int cap = 1;
  double *buf = malloc(cap * sizeof(double));
  for (int i = 0; i < n; i++) {
    if (i == cap) {
      cap *= 2;
      buf = realloc(buf, cap * sizeof(double));
    }
    buf[i] = x[i] * x[i];
  }
  double s = 0;
  for (int i = 0; i < n; i++) s += buf[i] * (i + 1);
  free(buf);
  return s;
}

int main(void) {
  enum { N = 13 };
  double x[N], dx[N];
  rng_fill(x, N);
  for (int n = 1; n <= N; n += 4) {
    for (int i = 0; i < N; i++) dx[i] = 0;
    __enzyme_autodiff((void *)grow_and_sum, enzyme_dup, x, dx, enzyme_const, n);
    for (int i = 0; i < N; i++) {
      char what[64];
      snprintf(what, sizeof what, "n=%d dx[%d]", n, i);
      check_rel(what, dx[i], i < n ? 2 * x[i] * (i + 1) : 0.0, 1e-12);
    }
  }
  return finish();
}
