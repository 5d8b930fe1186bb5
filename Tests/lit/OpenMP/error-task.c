// REQUIRES: openmp
// RUN: %clang-ad -fopenmp %s -o %t.bc
// RUN: not %swad-opt %t.bc -o %t.out.bc 2>&1 | FileCheck %s
// An OpenMP task in the differentiated code is an error naming the runtime call, the file and line.
// CHECK: error: {{.*}}error-task.c:[[@LINE+8]]:{{[0-9]+}}: in function 'f.omp_outlined': cannot differentiate '__kmpc_omp_task_alloc': an OpenMP task (#pragma omp task) is not supported
#include <omp.h>
extern int enzyme_dup;
void __enzyme_autodiff(void *, ...);
void f(const double *x, double *y, int n) {
  #pragma omp parallel
  #pragma omp single
  for (int i = 0; i < n; i++) {
    #pragma omp task
    y[i] = x[i] * x[i];
  }
}
void grad(const double *x, double *dx, double *y, double *dy, int n) {
  __enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_dup, y, dy, n);
}
