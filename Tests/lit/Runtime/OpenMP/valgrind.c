// REQUIRES: openmp, valgrind
// RUN: %clang-ad -fopenmp %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang -fopenmp %t.opt.bc -o %t -lm
// RUN: env OMP_NUM_THREADS=2 valgrind --quiet --leak-check=full --show-possibly-lost=no --errors-for-leak-kinds=definite --error-exitcode=9 %t
// Derivatives of parallel regions release what they make: team records, per-thread windows, and the
// tape buffers threads keep between calls (when the threads end); no invalid access either.
#include "Inputs/omp-check.h"

static double region(const double *x, double *w, int n) {
  double s = 0;
  w[0] = 0;
  #pragma omp parallel for reduction(+:s) schedule(dynamic, 2)
  for (int i = 0; i < n; i++) {
    double t = 0;
    for (int k = 0; k < 4; k++) t += x[k] * x[(i + k) % n];
    #pragma omp critical
    w[0] += t;
    s += t * t;
  }
  return s + w[0];
}

int main(void) {
  int failed = 0;
  for (int call = 0; call < 3; call++) failed |= CHECK(region, 20);
  return failed;
}
