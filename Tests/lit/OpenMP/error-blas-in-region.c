// REQUIRES: openmp, openblas
// RUN: %clang-ad -fopenmp %s -o %t.bc
// RUN: not %swad-opt %t.bc -o %t.opt.bc 2>&1 | FileCheck %s
// RUN: not test -e %t.opt.bc
// A BLAS call inside a parallel region, differentiated in reverse mode: its adjoints would be added
// into shared shadows by several threads without atomics, so it is an error, not a race.
#include <cblas.h>

extern void __enzyme_autodiff(void *, ...);
extern int enzyme_dup, enzyme_const;

void rows(const double *a, const double *x, double *y, int n) {
#pragma omp parallel for
  for (int i = 0; i < n; i++) y[i] = cblas_ddot(n, a + i * n, 1, x, 1);
}

void gradient(const double *a, const double *x, double *dx, double *y, double *dy, int n) {
  __enzyme_autodiff((void *)rows, enzyme_const, a, enzyme_dup, x, dx, enzyme_dup, y, dy, enzyme_const, n);
}
// CHECK: error: {{.*}}error-blas-in-region.c:14:{{[0-9]+}}: in function '{{.*}}': cannot differentiate 'cblas_ddot' inside an OpenMP parallel region in reverse mode
