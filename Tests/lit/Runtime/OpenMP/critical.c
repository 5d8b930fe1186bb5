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
// Critical sections (unnamed and named) whose updates do not commute with their adjoints: the
// reverse sweep enters them in the opposite order of the forward sweep.
#include "Inputs/omp-check.h"

static double product(const double *x, double *w, int n) {
  double p = 1;
  #pragma omp parallel for
  for (int i = 0; i < n; i++) {
    double f = sqrt(x[i]);
    #pragma omp critical
    p = p * f;
  }
  return p;
}

static double named(const double *x, double *w, int n) {
  double s = 0, q = 1;
  #pragma omp parallel for
  for (int i = 0; i < n; i++) {
    #pragma omp critical(sum)
    s += x[i] * x[i];
    #pragma omp critical(scale)
    q *= 1 + 0.01 * x[i];
  }
  return s * q;
}

int main(void) {
  int failed = 0;
  failed |= CHECK(product, 40);
  failed |= CHECK(named, 31);
  return failed;
}
