// REQUIRES: openmp
// RUN: %clang-ad -fopenmp %s -o %t.bc
// RUN: not %swad-opt %t.bc -o %t.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad-O0 -fopenmp %s -o %t.O0.bc
// RUN: not %swad-opt %t.O0.bc -o %t.O0.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad -fopenmp -DREVERSE_OVER_FORWARD %s -o %t.rof.bc
// RUN: %swad-opt %t.rof.bc -o %t.rof.opt.bc
// RUN: %clang -fopenmp %t.rof.opt.bc -o %t.rof -lm
// RUN: env OMP_NUM_THREADS=2 %t.rof
// RUN: env OMP_NUM_THREADS=3 %t.rof
// RUN: %clang-ad-O0 -fopenmp -DREVERSE_OVER_FORWARD %s -o %t.rof.O0.bc
// RUN: %swad-opt %t.rof.O0.bc -o %t.rof.O0.opt.bc
// RUN: %clang -fopenmp %t.rof.O0.opt.bc -o %t.rof.O0 -lm
// RUN: env OMP_NUM_THREADS=2 %t.rof.O0
// A Hessian-vector product through an OpenMP reduction: forward mode over the gradient of the
// parallel region (forward over reverse) gave silently wrong products with 2 or 3 threads (the
// first iteration of each thread's chunk lost), or crashed, and is an error now, naming the region
// and the way that works: reverse mode over the forward derivative, checked here with 2 and 3
// threads against the Hessian by hand.
// CHECK: error: {{.*}}forward-over-reverse-refused.c:{{[0-9]+}}:{{[0-9]+}}: in function '{{.*}}': cannot differentiate in forward mode the gradient of a parallel region (forward over reverse, a Hessian-vector product, through the parallel region of 'energy')
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const, enzyme_dupnoneed;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

enum { N = 6 };

// Σ (xᵢ - xᵢ₋₁)², its Hessian the tridiagonal 2·(2, -1) matrix (1 at the last diagonal entry).
__attribute__((noinline)) double energy(const double *x, int n) {
  double s = 0;
#pragma omp parallel for reduction(+ : s)
  for (int i = 0; i < n; i++) {
    double left = i ? x[i - 1] : 0;
    s += (x[i] - left) * (x[i] - left);
  }
  return s;
}

#ifdef REVERSE_OVER_FORWARD
// The directional derivative ∇E·v, whose gradient in x is the Hessian times v.
__attribute__((noinline)) double directional(const double *x, const double *v, int n) {
  return __enzyme_fwddiff((void *)energy, enzyme_dup, x, v, enzyme_const, n);
}
#else
__attribute__((noinline)) void gradient(const double *x, double *g, int n) {
  for (int i = 0; i < n; i++) g[i] = 0;
  __enzyme_autodiff((void *)energy, enzyme_dup, x, g, enzyme_const, n);
}
#endif

int main(void) {
  double x[N] = {1, 2.5, 3, 4.5, 4, 6}, v[N] = {1, 0, 1, 0.5, -1, 2}, hv[N] = {0};
#ifdef REVERSE_OVER_FORWARD
  __enzyme_autodiff((void *)directional, enzyme_dup, x, hv, enzyme_const, v, enzyme_const, N);
#else
  double g[N];
  __enzyme_fwddiff((void *)gradient, enzyme_dup, x, v, enzyme_dupnoneed, g, hv, enzyme_const, N);
#endif
  for (int i = 0; i < N; i++) {
    double want = 2 * ((i < N - 1 ? 2 : 1) * v[i] - (i ? v[i - 1] : 0) - (i < N - 1 ? v[i + 1] : 0));
    check_rel("Hessian times v", hv[i], want, 1e-14);
  }
  return finish();
}
