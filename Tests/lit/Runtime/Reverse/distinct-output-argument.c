// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// RUN: %swad-opt %t.bc --remarks -o /dev/null 2>%t.remarks
// RUN: FileCheck %s --check-prefix=REMARKS < %t.remarks
// RUN: %swad-opt %t.O0in.bc --remarks -o /dev/null 2>%t.O0in.remarks
// RUN: FileCheck %s --check-prefix=REMARKS < %t.O0in.remarks
// Weights read from a global, a result written through a pointer argument (DistinctArguments.swift):
// a caller whose output array is its own (a local array, a malloc) lets the reverse sweep read the
// weights again instead of keeping each one it read. A caller whose output array is a row of the
// weights themselves does not: there the function's stores overwrite weights it has read, and the
// reverse sweep must use the values read before. Both against hand-derived gradients:
//
//   s(x) = sum_i t_i^2 x_i,   t_i = sum_j W_ij x_j,   ds/dx_k = sum_i 2 t_i x_i W_ik + t_k^2.
//
// Every store of row i comes after the loads of row i, so the function computes the same value
// with y = W[0] as with its own y.
//
// REMARKS-DAG: squares_into: reloaded by the reverse sweep instead of kept {{.*}}
// REMARKS-DAG: squares_into_heap: reloaded by the reverse sweep instead of kept {{.*}}
// REMARKS-DAG: squares_over_weights: the tape keeps {{.*}} each time {{.*}}
#include <stdlib.h>
#include "../Inputs/check.h"

enum { N = 24 };

extern int enzyme_dup, enzyme_dupnoneed, enzyme_const;
void __enzyme_autodiff(void *, ...);

static double W[N][N];

// Three copies, so that each is differentiated for one kind of caller only.
#define SQUARES(name)                                                  \
  __attribute__((noinline)) static void name(const double *x, double *y, double *s) { \
    for (int i = 0; i < N; i++) {                                      \
      double t = 0;                                                    \
      for (int j = 0; j < N; j++) t += W[i][j] * x[j];                 \
      y[i] = t * t;                                                    \
    }                                                                  \
    double sum = 0;                                                    \
    for (int i = 0; i < N; i++) sum += y[i] * x[i];                    \
    *s = sum;                                                          \
  }
SQUARES(squares_into)
SQUARES(squares_into_heap)
SQUARES(squares_over_weights)

static void fill_weights(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) W[i][j] = 0.1 * sin(0.7 * i + 0.31 * j + 0.2);
}

static void expected(const double *x, double *want) {
  double t[N];
  for (int i = 0; i < N; i++) {
    t[i] = 0;
    for (int j = 0; j < N; j++) t[i] += W[i][j] * x[j];
  }
  for (int k = 0; k < N; k++) {
    want[k] = t[k] * t[k];
    for (int i = 0; i < N; i++) want[k] += 2 * t[i] * x[i] * W[i][k];
  }
}

static void compare(const char *what, const double *dx, const double *want) {
  char name[64];
  for (int k = 0; k < N; k++) {
    snprintf(name, sizeof name, "%s dx[%d]", what, k);
    check_rel(name, dx[k], want[k], 1e-12);
  }
}

int main(void) {
  double x[N], dx[N], want[N];
  for (int j = 0; j < N; j++) x[j] = 0.5 + 0.4 * cos(1.3 * j);

  fill_weights();
  expected(x, want);
  {
    double y[N], dy[N] = {0}, s, ds = 1;
    for (int k = 0; k < N; k++) dx[k] = 0;
    __enzyme_autodiff((void *)squares_into, enzyme_dup, x, dx, enzyme_dupnoneed, y, dy, enzyme_dupnoneed, &s,
                      &ds);
    compare("local output", dx, want);
  }
  {
    double *y = malloc(N * sizeof *y), *dy = calloc(N, sizeof *dy), s, ds = 1;
    for (int k = 0; k < N; k++) dx[k] = 0;
    __enzyme_autodiff((void *)squares_into_heap, enzyme_dup, x, dx, enzyme_dupnoneed, y, dy, enzyme_dupnoneed,
                      &s, &ds);
    compare("heap output", dx, want);
    free(y), free(dy);
  }
  {
    // The output overwrites the first row of the weights as the function goes.
    double dy[N] = {0}, s, ds = 1;
    for (int k = 0; k < N; k++) dx[k] = 0;
    __enzyme_autodiff((void *)squares_over_weights, enzyme_dup, x, dx, enzyme_dupnoneed, &W[0][0], dy,
                      enzyme_dupnoneed, &s, &ds);
    compare("output over the weights", dx, want);
  }
  return finish();
}
