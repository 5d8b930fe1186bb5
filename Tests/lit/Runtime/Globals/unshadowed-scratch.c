// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t ok
// RUN: not %t reverse 2>&1 | FileCheck %s
// RUN: not %t forward 2>&1 | FileCheck %s
// RUN: not %t copied 2>&1 | FileCheck %s --check-prefix=COPIED
// RUN: not %t helpers 2>&1 | FileCheck %s --check-prefix=HELPERS
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in ok
// RUN: not %t.O0in reverse 2>&1 | FileCheck %s
// RUN: not %t.O0in forward 2>&1 | FileCheck %s
// RUN: not %t.O0in copied 2>&1 | FileCheck %s --check-prefix=COPIED
// RUN: %t.O0in helpers | FileCheck %s --check-prefix=HELPERS-O0
// A scratch buffer the program allocated before asking for the gradient, reached through a global
// pointer (Fortran-style C: `double *work`): the derivative has no shadow for it. Values with a
// derivative written there and read back lose it; before, the gradient came out silently wrong
// (only the terms that bypass the buffer). Now the read stops the program with an error naming the
// read and the write (Support/UnshadowedMemory.swift), in both modes, and so does a memcpy of
// values with a derivative into the buffer, and a write and a read in two helpers through a global
// pointer to a static array (the reading helper, called with no active argument, is differentiated
// because the global it reads through is written through: Support/GlobalShadows.swift). From
// unoptimized input the helpers' hand-written noinline goes with clang's, they are inlined, and the
// value never reaches memory: no error, and the derivative is right. A buffer the derivative only
// writes (a log) and one it only reads (constant data) cost nothing and are no error; the same
// objective with the buffer passed as a duplicated argument is right, and so is a Hessian-vector
// product of the one that writes a log.
// CHECK: swad: error: a derivative would be wrong: {{.*}}unshadowed-scratch.c:[[@LINE+19]]:{{[0-9]+}}: a load of a 'double' in function 'objective' reads memory that has no shadow, where {{.*}}unshadowed-scratch.c:[[@LINE+17]]:{{[0-9]+}}: a store of a 'double' in function 'objective' wrote a value with a derivative
// COPIED: swad: error: a derivative would be wrong: {{.*}}unshadowed-scratch.c:{{[0-9]+}}:{{[0-9]+}}: a load of a 'double' in function 'copied' reads memory that has no shadow, where {{.*}}unshadowed-scratch.c:{{[0-9]+}}:{{[0-9]+}}: a copy of memory in function 'copied' wrote a value with a derivative
// HELPERS: swad: error: a derivative would be wrong: {{.*}}unshadowed-scratch.c:{{[0-9]+}}:{{[0-9]+}}: a load of a 'double' in function 'get' reads memory that has no shadow, where {{.*}}unshadowed-scratch.c:{{[0-9]+}}:{{[0-9]+}}: a store of a 'double' in function 'put' wrote a value with a derivative
// HELPERS-O0: helpers: no error, d/dx 12
#include <string.h>
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
double __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

enum { N = 4 };
double *work;       /* scratch, allocated by main */
double *log_;       /* a log of the values, written only */
double *weights;    /* constant data, read only */

__attribute__((noinline)) double objective(const double *x) {
  for (int i = 0; i < N; i++) work[i] = x[i] * x[i];
  double s = 0;
  for (int i = 0; i < N; i++) s += work[i] * x[i];
  return s;
}

__attribute__((noinline)) double logged(const double *x) {
  double s = 0;
  for (int i = 0; i < N; i++) {
    s += weights[i] * x[i] * x[i];
    log_[i] = s;
  }
  return s;
}

__attribute__((noinline)) double copied(const double *x) {
  memcpy(work, x, N * sizeof(double));
  double s = 0;
  for (int i = 0; i < N; i++) s += work[i] * work[i];
  return s;
}

/* A Hessian-vector product of the logged objective: the gradient's own records and checks are
   bookkeeping the outer derivative copies (before, they were calls it could not differentiate). */
__attribute__((noinline)) void logged_gradient(const double *x, double *g) {
  for (int i = 0; i < N; i++) g[i] = 0;
  __enzyme_autodiff((void *)logged, enzyme_dup, x, g);
}

static double storage[N];
double *table = storage; /* a global pointer to a static array */
__attribute__((noinline)) void put(double v, int i) { table[i] = v; }
__attribute__((noinline)) double get(int i) { return table[i]; }
__attribute__((noinline)) double through_helpers(double x) {
  put(x * x, 1);
  return get(1) * 3.0;
}

/* The scratch as an argument: the derivative gives it a shadow. */
__attribute__((noinline)) double with_scratch(const double *x, double *scratch) {
  for (int i = 0; i < N; i++) scratch[i] = x[i] * x[i];
  double s = 0;
  for (int i = 0; i < N; i++) s += scratch[i] * x[i];
  return s;
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "ok";
  work = malloc(N * sizeof(double));
  log_ = malloc(N * sizeof(double));
  weights = malloc(N * sizeof(double));
  double x[N] = {1, -2, 0.5, 3}, dx[N] = {0}, dscratch[N] = {0};
  for (int i = 0; i < N; i++) weights[i] = 0.25 * (i + 1);
  if (!strcmp(mode, "reverse")) {
    __enzyme_autodiff((void *)objective, x, dx);
    printf("objective: no error, d/dx0 %g\n", dx[0]);
    return 0;
  }
  if (!strcmp(mode, "copied")) {
    __enzyme_autodiff((void *)copied, x, dx);
    printf("copied: no error, d/dx0 %g\n", dx[0]);
    return 0;
  }
  if (!strcmp(mode, "helpers")) {
    double d = __enzyme_autodiff((void *)through_helpers, 2.0);
    printf("helpers: no error, d/dx %g\n", d);
    return 0;
  }
  if (!strcmp(mode, "forward")) {
    double v[N] = {1, 0, 0, 0};
    double t = __enzyme_fwddiff((void *)objective, enzyme_dup, x, v);
    printf("objective: no error, tangent %g\n", t);
    return 0;
  }
  __enzyme_autodiff((void *)logged, x, dx);
  for (int i = 0; i < N; i++) check_rel("logged", dx[i], 2 * weights[i] * x[i], 1e-15);
  check_rel("log written", log_[N - 1], logged(x), 1e-15);
  double v[N] = {1, -1, 0.5, 2}, g[N], hv[N] = {0};
  __enzyme_fwddiff((void *)logged_gradient, enzyme_dup, x, v, enzyme_dup, g, hv);
  for (int i = 0; i < N; i++) check_rel("Hv", hv[i], 2 * weights[i] * v[i], 1e-15);
  memset(dx, 0, sizeof dx);
  __enzyme_autodiff((void *)with_scratch, enzyme_dup, x, dx, enzyme_dup, work, dscratch);
  for (int i = 0; i < N; i++) check_rel("with scratch", dx[i], 3 * x[i] * x[i], 1e-15);
  return finish();
}
