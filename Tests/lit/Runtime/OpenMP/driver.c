// REQUIRES: openmp
// RUN: %swad -fopenmp -g %s -o %t
// RUN: env OMP_NUM_THREADS=2 %t
// RUN: env OMP_NUM_THREADS=4 %t
// RUN: %swad -fopenmp -v %s -o %t.v 2>&1 | FileCheck %s
// RUN: %swad -O0 -fopenmp %s -o %t.O0
// RUN: env OMP_NUM_THREADS=3 %t.O0
// `swad -fopenmp` compiles with OpenMP (clang -fopenmp, LLVM's passes off, as swad-opt wants) and
// links libomp; the parallel loop's gradient matches the serial loop's.
// CHECK: clang{{.*}} -fopenmp
// CHECK: swad: link: {{.*}}clang{{.*}} -fopenmp
#include "Inputs/omp-check.h"

static double loss(const double *x, double *w, int n) {
  double s = 0;
  #pragma omp parallel for reduction(+:s) schedule(dynamic, 3)
  for (int i = 0; i < n; i++) s += sin(x[i]) * x[(i + 1) % n];
  return s * s;
}

static double serial(const double *x, double *w, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += sin(x[i]) * x[(i + 1) % n];
  return s * s;
}

int main(void) {
  enum { N = 50 };
  double x[N], dx[N] = {0}, ds[N] = {0}, w[N], dw[N] = {0};
  fill(x, N);
  __enzyme_autodiff((void *)loss, enzyme_dup, x, dx, enzyme_dup, w, dw, N);
  __enzyme_autodiff((void *)serial, enzyme_dup, x, ds, enzyme_dup, w, dw, N);
  double worst = 0;
  for (int i = 0; i < N; i++) worst = fmax(worst, fabs(dx[i] - ds[i]) / (1 + fabs(ds[i])));
  printf("threads=%d parallel vs serial gradient: %.2g\n", omp_get_max_threads(), worst);
  return !(worst < 1e-12);
}
