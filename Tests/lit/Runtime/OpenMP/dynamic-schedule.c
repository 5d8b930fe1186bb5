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
// Dynamic and guided schedules: the runtime hands out chunks as threads ask, differently every
// run; each thread's reverse sweep replays the chunks it ran, from its own tape.
#include "Inputs/omp-check.h"

static double dynamic(const double *x, double *w, int n) {
  #pragma omp parallel for schedule(dynamic, 2)
  for (int i = 0; i < n; i++) {
    double t = x[i];
    for (int k = 0; k < i % 5; k++) t = sin(t) + x[i];  // uneven work
    w[i] = t * x[(i + 3) % n];
  }
  double s = 0;
  for (int i = 0; i < n; i++) s += w[i] * w[i];
  return s;
}

static double guided(const double *x, double *w, int n) {
  #pragma omp parallel for schedule(guided)
  for (int i = 0; i < n; i++) w[i] = log(1 + x[i] * x[i]) * cos(x[(i * 5) % n]);
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * w[i];
  return s;
}

int main(void) {
  int failed = 0;
  failed |= CHECK(dynamic, 45);
  failed |= CHECK(guided, 50);
  return failed;
}
