// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t ok
// RUN: not %t reverse 2>&1 | FileCheck %s
// RUN: not %t forward 2>&1 | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in ok
// RUN: not %t.O0in reverse 2>&1 | FileCheck %s --check-prefix=O0
// RUN: not %t.O0in forward 2>&1 | FileCheck %s --check-prefix=O0
// A scratch buffer the program allocated before asking for the gradient, reached through a global
// pointer that the differentiated function loads and hands to two helpers: one writes values with a
// derivative into it, the other, called with no active argument, reads them back (legacy C:
// `fill(work, x); return energy(work);`). The derivative has no shadow for the buffer. Before, only
// a write in the function that loads the pointer gave the global its shadow (Support/GlobalShadows.swift),
// so `energy` was taken for inactive and the derivative was silently 0 in both modes; now the read
// stops the program with the error naming the read and the write (Support/UnshadowedMemory.swift).
// From unoptimized input the helpers' noinline goes with clang's and they are inlined: the loops
// still go through the buffer, and the error names the one function. With the buffer passed as a
// duplicated argument the gradient is right from either input.
// CHECK: swad: error: a derivative would be wrong: {{.*}}unshadowed-scratch-written-by-callee.c:[[@LINE+19]]:{{[0-9]+}}: a load of a 'double' in function 'energy' reads memory that has no shadow, where {{.*}}unshadowed-scratch-written-by-callee.c:[[@LINE+14]]:{{[0-9]+}}: a store of a 'double' in function 'fill' wrote a value with a derivative
// O0: swad: error: a derivative would be wrong: {{.*}}: a load of a 'double' in function 'objective' reads memory that has no shadow, where {{.*}}: a store of a 'double' in function 'objective' wrote a value with a derivative
#include <string.h>
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

enum { N = 3 };
static double *work; /* scratch, allocated by main */

__attribute__((noinline)) void fill(double *w, const double *x, int n) {
  for (int i = 0; i < n; i++)
    w[i] = sin(x[i]) * x[(i + 1) % n] + exp(-x[i] * x[i]);
}

__attribute__((noinline)) double energy(const double *w, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += w[i] * w[i] * (i + 1) + cos(w[i]);
  return s;
}

__attribute__((noinline)) double objective(const double *x, int n) {
  fill(work, x, n);
  return energy(work, n);
}

/* The scratch as an argument: the derivative gives it a shadow. */
__attribute__((noinline)) double with_scratch(const double *x, double *scratch, int n) {
  fill(scratch, x, n);
  return energy(scratch, n);
}

/* d/dx_j of energy(fill(x)), by hand. */
static void gradient_by_hand(const double *x, double *g) {
  for (int j = 0; j < N; j++) g[j] = 0;
  for (int i = 0; i < N; i++) {
    int k = (i + 1) % N;
    double w = sin(x[i]) * x[k] + exp(-x[i] * x[i]);
    double dE = 2 * w * (i + 1) - sin(w);
    g[i] += dE * (cos(x[i]) * x[k] - 2 * x[i] * exp(-x[i] * x[i]));
    g[k] += dE * sin(x[i]);
  }
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "ok";
  work = malloc(N * sizeof(double));
  double x[N] = {0.3, -1.2, 2.5}, dx[N] = {0}, want[N], dscratch[N] = {0};
  gradient_by_hand(x, want);
  if (!strcmp(mode, "reverse")) {
    __enzyme_autodiff((void *)objective, enzyme_dup, x, dx, enzyme_const, N);
    printf("d/dx0 %.5f\n", dx[0]);
    return fabs(dx[0] - want[0]) > 1e-12;
  }
  if (!strcmp(mode, "forward")) {
    double v[N] = {1, 0, 0};
    double t = __enzyme_fwddiff((void *)objective, enzyme_dup, x, v, enzyme_const, N);
    printf("d/dx0 %.5f\n", t);
    return fabs(t - want[0]) > 1e-12;
  }
  __enzyme_autodiff((void *)with_scratch, enzyme_dup, x, dx, enzyme_dup, work, dscratch, enzyme_const, N);
  for (int i = 0; i < N; i++) check_rel("with scratch", dx[i], want[i], 1e-13);
  return finish();
}
