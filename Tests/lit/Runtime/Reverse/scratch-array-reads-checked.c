// RUN: %clang -O2 -DAS_WRITTEN -c %s -o %t.as-written.o
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc --remarks 2>%t.remarks
// RUN: FileCheck %s --check-prefix=REMARK --input-file %t.remarks
// RUN: %clang %t.opt.bc %t.as-written.o -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc %t.as-written.o -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s
// CHECK: checks passed
// A scratch array filled by a loop that checks its index and aborts when it is out of range (as
// Swift's bounds checks trap), read by later loops and by a triangle whose inner loop reads the
// element of the outer loop's counter. The pre-AD rewrite of scratch arrays takes one-block fills
// only, so here the reverse sweep computes the reads again itself from x and mu (ScratchArray,
// Gradient+ScratchArrays) and keeps none of them; the primal is left as it is, so the objective is
// exactly that of the same code built by clang alone (-DAS_WRITTEN). The gradients with respect to
// x, mu and the triangle's entries are checked against central differences, and along a direction
// against forward mode, for -O2 and -O0 input.
// REMARK: triangle: computed again by the reverse sweep from what the loop that filled its array read, instead of kept: %{{[0-9]+}} (load
#include <stdlib.h>

#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_const, enzyme_dup;

#define N 4    // samples
#define K 3    // centres
#define D 5    // dimensions
#define CAP 8  // the scratch array's capacity
#define L (D * (D - 1) / 2)

// sum_n sum_k w_k |L_k (x_n - mu_k)|^2, L_k lower triangular with diagonal 1 + i / 10 and the entries l_k
// below it, column by column.
#define TRIANGLE_BODY                                                   \
  int d = dims;                                                         \
  double *t = malloc(sizeof(double) * CAP);                             \
  double y[CAP];                                                        \
  double total = 0;                                                     \
  for (int n = 0; n < N; n++) {                                         \
    for (int k = 0; k < K; k++) {                                       \
      for (int i = 0; i < d; i++) {                                     \
        if (i >= CAP) abort();                                          \
        t[i] = x[n * d + i] - mu[k * d + i];                            \
      }                                                                 \
      for (int i = 0; i < d; i++) y[i] = (1.0 + 0.1 * i) * t[i];         \
      int index = k * L;                                                \
      for (int i = 0; i < d; i++)                                       \
        for (int j = i + 1; j < d; j++) y[j] += l[index++] * t[i];      \
      double norm = 0;                                                  \
      for (int i = 0; i < d; i++) norm += y[i] * y[i];                  \
      total += (1.0 + 0.5 * k) * norm;                                  \
    }                                                                   \
  }                                                                     \
  free(t);                                                              \
  return total;

#ifdef AS_WRITTEN
double triangle_as_written(const double *x, const double *mu, const double *l, int dims) { TRIANGLE_BODY }
#else
double triangle_as_written(const double *x, const double *mu, const double *l, int dims);

__attribute__((noinline)) static double triangle(const double *x, const double *mu, const double *l, int dims) {
  TRIANGLE_BODY
}

static double packed(const double *p, int count) {
  (void)count;
  return triangle(p, p + N * D, p + N * D + K * D, D);
}

int main(void) {
  enum { P = N * D + K * D + K * L };
  double p[P], dp[P] = {0}, v[P];
  for (int j = 0; j < P; j++) {
    p[j] = j < N * D + K * D ? sin(1.3 * j + 0.4) : 0.3 * cos(j);
    v[j] = cos(0.8 * j - 0.3);
  }
  double *x = p, *mu = p + N * D, *l = p + N * D + K * D;
  check_exact("objective", triangle(x, mu, l, D), triangle_as_written(x, mu, l, D));

  double *dx = dp, *dmu = dp + N * D, *dl = dp + N * D + K * D;
  __enzyme_autodiff((void *)triangle, enzyme_dup, x, dx, enzyme_dup, mu, dmu, enzyme_dup, l, dl, enzyme_const, D);
  check_gradient_fd("triangle", packed, p, dp, P, 1e-6, 1e-7);

  double along = 0;
  for (int j = 0; j < P; j++) along += v[j] * dp[j];
  double tangent = __enzyme_fwddiff((void *)triangle, enzyme_dup, x, v, enzyme_dup, mu, v + N * D, enzyme_dup, l,
                                    v + N * D + K * D, enzyme_const, D);
  check_rel("forward along v", tangent, along, 1e-12);
  return finish();
}
#endif
