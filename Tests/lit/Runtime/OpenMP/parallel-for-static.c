// REQUIRES: openmp
// RUN: %clang-ad -fopenmp %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang -fopenmp %t.opt.bc -o %t -lm
// RUN: env OMP_NUM_THREADS=1 %t
// RUN: env OMP_NUM_THREADS=2 %t
// RUN: env OMP_NUM_THREADS=4 %t
// RUN: %clang-ad-O0 -fopenmp %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang -fopenmp %t.O0.opt.bc -o %t.O0 -lm
// RUN: env OMP_NUM_THREADS=2 %t.O0
// RUN: env OMP_NUM_THREADS=4 %t.O0
// `#pragma omp parallel for` with static schedules (default and chunked): loads indexed by the loop
// variable (plain adjoint adds), loads every thread makes (x[0], neighbours: atomic adds), a helper
// called from the loop, and the work array written in one loop and read in the next.
#include "Inputs/omp-check.h"

__attribute__((noinline)) static double neighbours(const double *p, int i, int n) {
  return p[i > 0 ? i - 1 : 0] * p[i < n - 1 ? i + 1 : n - 1];
}

static double disjoint(const double *x, double *w, int n) {
  #pragma omp parallel for
  for (int i = 0; i < n; i++) w[i] = sin(x[i]) * x[i];
  double s = 0;
  for (int i = 0; i < n; i++) s += w[i] * w[i];
  return s;
}

static double shared_reads(const double *x, double *w, int n) {
  #pragma omp parallel for schedule(static)
  for (int i = 0; i < n; i++) w[i] = x[0] * x[i] + x[(i + 1) % n] * x[(i + 7) % n];
  double s = 0;
  for (int i = 0; i < n; i++) s += w[i] * (1 + 0.1 * i);
  return s;
}

static double chunked(const double *x, double *w, int n) {
  #pragma omp parallel for schedule(static, 3)
  for (int i = 0; i < n; i++) w[i] = exp(0.3 * x[i]) + neighbours(x, i, n);
  double s = 0;
  for (int i = 0; i < n; i++) s += w[i] * w[i];
  return s;
}

int main(void) {
  int failed = 0;
  failed |= CHECK(disjoint, 37);
  failed |= CHECK(shared_reads, 40);
  failed |= CHECK(chunked, 41);
  return failed;
}
