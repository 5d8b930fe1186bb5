// REQUIRES: openblas
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t %openblas
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 %openblas
// RUN: %t.O0
// BLAS calls inside loops: each iteration's arguments reach the reverse sweep through the tape, and
// operands that a later iteration overwrites are copied per iteration. A few steps of
// x ← tanh(A x + b) (dgemv, dcopy, elementwise tanh), a scaled accumulation (dscal, daxpy) and a
// data-dependent trip count; against the same loops without BLAS and central differences.
#include <cblas.h>
#include "Inputs/blas-check.h"

// A n×n (row-major), B = b (and the step count's source), C0 = x0, s = alpha; C holds x.
static double iterate_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s,
                           double *C) {
  int n = g->n;
  double y[16], acc[16] = {0};
  cblas_dcopy(n, C0, 1, C, 1);
  int steps = 2 + (B[0] > 0);  // 3 with the test's data
  for (int k = 0; k < steps; k++) {
    cblas_dcopy(n, B, 1, y, 1);
    cblas_dgemv(CblasRowMajor, CblasNoTrans, n, n, 1.0, A, n, C, 1, 1.0, y, 1);
    for (int i = 0; i < n; i++) C[i] = tanh(y[i]);
    cblas_dscal(n, s[0], acc, 1);
    cblas_daxpy(n, 1.0, C, 1, acc, 1);
  }
  return weigh(C, n) + cblas_ddot(n, acc, 1, acc, 1);
}

static double iterate_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s,
                            double *C) {
  int n = g->n;
  double y[16], acc[16] = {0};
  for (int i = 0; i < n; i++) C[i] = C0[i];
  int steps = 2 + (B[0] > 0);
  for (int k = 0; k < steps; k++) {
    for (int i = 0; i < n; i++) {
      y[i] = B[i];
      for (int j = 0; j < n; j++) y[i] += A[i * n + j] * C[j];
    }
    for (int i = 0; i < n; i++) C[i] = tanh(y[i]);
    for (int i = 0; i < n; i++) acc[i] = s[0] * acc[i] + C[i];
  }
  double dot = 0;
  for (int i = 0; i < n; i++) dot += acc[i] * acc[i];
  return weigh(C, n) + dot;
}

int main(void) {
  const int n = 5;
  Config g = {.n = n};
  CHECK_ROUTINE("loop of dgemv, dcopy, tanh, dscal, daxpy", iterate_blas, iterate_loops, &g, n * n, n, n, 1, n);
  return finish();
}
