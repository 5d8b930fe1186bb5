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
// A parallel region that divides the work by omp_get_thread_num()/omp_get_num_threads(), with a
// barrier between writing w and reading other threads' elements of it: the reverse sweep meets at
// the barrier too.
#include "Inputs/omp-check.h"

static double phases(const double *x, double *w, int n) {
  double s = 0;
  #pragma omp parallel
  {
    int t = omp_get_thread_num(), T = omp_get_num_threads();
    for (int i = t; i < n; i += T) w[i] = x[i] * x[i] + 1;
    #pragma omp barrier
    double mine = 0;
    for (int i = t; i < n; i += T) mine += w[(i + 1) % n] * x[i];
    #pragma omp atomic
    s += mine;
  }
  return s;
}

int main(void) { return CHECK(phases, 43); }
