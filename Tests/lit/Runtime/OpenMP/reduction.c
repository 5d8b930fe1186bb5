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
// reduction(+:…) on one and two variables, in a combined 'parallel for' (__kmpc_reduce_nowait) and
// in a worksharing loop inside a parallel region (__kmpc_reduce, with its barrier), and
// reduction(*:…), whose combination is not linear: the reverse sweep joins the private copies in
// the opposite order of the forward sweep.
#include "Inputs/omp-check.h"

static double sum(const double *x, double *w, int n) {
  double s = 0;
  #pragma omp parallel for reduction(+:s)
  for (int i = 0; i < n; i++) s += x[i] * x[i] * sin(x[i]);
  return s * s;
}

static double two(const double *x, double *w, int n) {
  double a = 0, b = 0;
  #pragma omp parallel for reduction(+:a, b)
  for (int i = 0; i < n; i++) { a += x[i]; b += exp(0.1 * x[i]) * x[(i + 1) % n]; }
  return a * b;
}

static double inside_region(const double *x, double *w, int n) {
  double s = 0;
  #pragma omp parallel
  {
    #pragma omp for reduction(+:s)
    for (int i = 0; i < n; i++) s += x[i] / (1 + x[i] * x[i]);
    #pragma omp for
    for (int i = 0; i < n; i++) w[i] = s * x[i];
  }
  double t = 0;
  for (int i = 0; i < n; i++) t += w[i];
  return t;
}

static double product(const double *x, double *w, int n) {
  double p = 1;
  #pragma omp parallel for reduction(*:p)
  for (int i = 0; i < n; i++) p *= x[i];
  return p;
}

int main(void) {
  int failed = 0;
  failed |= CHECK(sum, 40);
  failed |= CHECK(two, 33);
  failed |= CHECK(inside_region, 30);
  failed |= CHECK(product, 40);
  return failed;
}
