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
// '#pragma omp atomic' updates (atomicrmw fadd/fsub): the adjoint of the added value is the
// shadow's value, read atomically; tangents are added atomically.
#include "Inputs/omp-check.h"

static double histogram(const double *x, double *w, int n) {
  for (int k = 0; k < n; k++) w[k] = 0;
  #pragma omp parallel for
  for (int i = 0; i < n; i++) {
    double v = x[i] * x[i];
    #pragma omp atomic
    w[i % 4] += v;
    #pragma omp atomic
    w[4 + i % 3] -= sin(x[i]);
  }
  double s = 0;
  for (int k = 0; k < 7; k++) s += w[k] * w[k] * (k + 1);
  return s;
}

int main(void) { return CHECK(histogram, 39); }
