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
// Parallel regions where the program puts them: in a callee (whose derivative is not a combined
// gradient), in a serial loop (one team record per fork), with a num_threads clause, and partial sums
// kept per thread number and combined after the region.
#include "Inputs/omp-check.h"

__attribute__((noinline)) static void smooth(const double *in, double *out, int n) {
  #pragma omp parallel for schedule(static, 4)
  for (int i = 0; i < n; i++) out[i] = 0.25 * in[i > 0 ? i - 1 : i] + 0.5 * in[i] + 0.25 * in[i < n - 1 ? i + 1 : i];
}

static double in_callee(const double *x, double *w, int n) {
  double t[64];
  smooth(x, t, n);
  smooth(t, w, n);
  double s = 0;
  for (int i = 0; i < n; i++) s += w[i] * w[i] * x[i];
  return s;
}

static double in_loop(const double *x, double *w, int n) {
  for (int i = 0; i < n; i++) w[i] = x[i];
  for (int step = 0; step < 3; step++) {
    #pragma omp parallel for num_threads(3)
    for (int i = 0; i < n; i++) w[i] = sin(w[i]) + 0.1 * x[(i + step) % n];
  }
  double s = 0;
  for (int i = 0; i < n; i++) s += w[i];
  return s * s;
}

static double per_thread(const double *x, double *w, int n) {
  double partial[64] = {0};
  int teams = 1;
  #pragma omp parallel
  {
    int t = omp_get_thread_num();
    #pragma omp single
    teams = omp_get_num_threads();
    #pragma omp for
    for (int i = 0; i < n; i++) partial[t] += exp(0.2 * x[i]) * x[(i + 2) % n];
  }
  double s = 0;
  for (int t = 0; t < teams; t++) s += partial[t] * partial[t];
  return s;
}

int main(void) {
  int failed = 0;
  failed |= CHECK(in_callee, 40);
  failed |= CHECK(in_loop, 35);
  failed |= CHECK(per_thread, 44);
  return failed;
}
