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
// Regions that only read the differentiated arrays, every thread all of them (as GMM's loop over
// samples reads the means): each thread accumulates its adjoints in a private window of the shadow,
// grown as the indices the reverse sweep meets spread (down and up), added to the shadow once.
#include "Inputs/omp-check.h"

static double mixture(const double *x, double *w, int n) {
  double s = 0;
  #pragma omp parallel for reduction(+:s) schedule(static)
  for (int i = 0; i < n; i++) {
    double t = 0;
    for (int k = 0; k < 8; k++) t += x[k] * exp(-0.1 * (i - k) * x[(i * 7 + k) % n]);
    s += log(1 + t * t);
  }
  return s;
}

static double spread(const double *x, double *w, int n) {
  double s = 0;
  const double *middle = x + n / 2;
  #pragma omp parallel for reduction(+:s) schedule(dynamic, 3)
  for (int i = 0; i < n; i++) {
    int j = (i % 2 ? 1 : -1) * (i / 2) % (n / 2);  // alternately below and above the middle
    s += middle[j] * middle[-j] * sin(x[i]);
  }
  return s * s;
}

int main(void) {
  int failed = 0;
  failed |= CHECK(mixture, 60);
  failed |= CHECK(spread, 50);
  return failed;
}
