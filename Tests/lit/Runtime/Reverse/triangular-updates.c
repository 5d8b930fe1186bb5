// RUN: %clang -O2 -DAS_WRITTEN -c %s -o %t.as-written.o
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc %t.as-written.o -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc %t.as-written.o -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s
// Both inner loops below run backwards before AD (ShiftedLoopReversal), from -O2 and from -O0 input:
// RUN: %swad-opt %t.bc --passes='default<O0>' -S | FileCheck %s --check-prefix=REVERSED
// RUN: %swad-opt %t.O0in.bc --passes='default<O0>' -S | FileCheck %s --check-prefix=REVERSED
// REVERSED-LABEL: define internal {{.*}}@triangle(
// REVERSED:       %reversed.done = icmp
// REVERSED-LABEL: define internal {{.*}}@solve(
// REVERSED:       %reversed.done = icmp
// CHECK: checks passed
//
// Column-oriented triangular updates, `for i { for j > i { v[j] += L[j][i] * x[i] } }`: a product
// with a lower-triangular factor stored column by column (GMM's Qtimesx) into a heap temporary,
// and forward substitution into a `restrict` result. Their inner loops start one further each time
// and update in place, so swad-opt runs them backwards (their vector loads then line up with the
// previous run's stores). The iterations are independent, so the results must be exactly those of
// the same code left as written (the *_as_written copies, compiled by clang alone, -DAS_WRITTEN). The gradients of an objective over both are checked against central differences in
// reverse mode, and along a direction against forward mode.
#include <stdlib.h>
#include <string.h>

#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_const, enzyme_dup;

#define N 9
#define NL (N * (N + 1) / 2)

// out = Q x: Q's diagonal is exp(l[0..n)), its strict lower part l[n..) column by column.
#define TRIANGLE_BODY                                                                                               \
  double *t = malloc(sizeof(double) * n);                                                                           \
  for (int j = 0; j < n; j++) t[j] = exp(l[j]) * x[j];                                                              \
  int idx = n;                                                                                                      \
  for (int i = 0; i < n; i++)                                                                                       \
    for (int j = i + 1; j < n; j++) {                                                                               \
      t[j] += l[idx] * x[i];                                                                                        \
      idx++;                                                                                                        \
    }                                                                                                               \
  memcpy(out, t, sizeof(double) * n);                                                                               \
  free(t);

// Solves Q y = b by forward substitution, column by column.
#define SOLVE_BODY                                                                                                  \
  for (int j = 0; j < n; j++) y[j] = b[j];                                                                          \
  int idx = n;                                                                                                      \
  for (int i = 0; i < n; i++) {                                                                                     \
    y[i] /= exp(l[i]);                                                                                              \
    double yi = y[i];                                                                                               \
    for (int j = i + 1; j < n; j++) {                                                                               \
      y[j] -= l[idx] * yi;                                                                                          \
      idx++;                                                                                                        \
    }                                                                                                               \
  }

#ifdef AS_WRITTEN
void triangle_as_written(int n, const double *l, const double *x, double *out) { TRIANGLE_BODY }
void solve_as_written(int n, const double *l, const double *b, double *restrict y) { SOLVE_BODY }
#else
void triangle_as_written(int n, const double *l, const double *x, double *out);
void solve_as_written(int n, const double *l, const double *b, double *restrict y);

__attribute__((noinline)) static void triangle(int n, const double *l, const double *x, double *out) {
  TRIANGLE_BODY
}
__attribute__((noinline)) static void solve(int n, const double *l, const double *b, double *restrict y) {
  SOLVE_BODY
}

// sum_k w_k (Q x)_k^2 + sum_k (Q^-1 x)_k^3, a function of x and l.
static double objective(const double *x, const double *l, int n) {
  double qx[N], y[N], s = 0;
  triangle(n, l, x, qx);
  solve(n, l, x, y);
  for (int k = 0; k < n; k++) s += (1.0 + 0.1 * k) * qx[k] * qx[k] + y[k] * y[k] * y[k];
  return s;
}

int main(void) {
  double x[N], l[NL];
  for (int k = 0; k < N; k++) x[k] = 0.3 + 0.17 * k - 0.05 * k * k / N;
  for (int k = 0; k < NL; k++) l[k] = k < N ? 0.1 * (k % 3) - 0.05 : 0.4 * sin(1.3 * k);

  // The reversed loops compute what the loops as written do, bit for bit.
  double a[N], b[N];
  triangle(N, l, x, a);
  triangle_as_written(N, l, x, b);
  for (int k = 0; k < N; k++) check_exact("Q x", a[k], b[k]);
  solve(N, l, x, a);
  solve_as_written(N, l, x, b);
  for (int k = 0; k < N; k++) check_exact("Q^-1 x", a[k], b[k]);

  // Reverse mode against central differences.
  double dx[N] = {0}, dl[NL] = {0};
  __enzyme_autodiff((void *)objective, enzyme_dup, x, dx, enzyme_dup, l, dl, enzyme_const, N);
  check_gradient_two_arrays(objective, x, l, N, NL, dx, dl, 1e-6, 1e-6);

  // Forward mode along a direction against the reverse gradient.
  double vx[N], vl[NL], along = 0;
  for (int k = 0; k < N; k++) along += (vx[k] = cos(0.7 * k)) * dx[k];
  for (int k = 0; k < NL; k++) along += (vl[k] = sin(0.3 * k + 0.2)) * dl[k];
  double tangent = __enzyme_fwddiff((void *)objective, enzyme_dup, x, vx, enzyme_dup, l, vl, enzyme_const, N);
  check_rel("forward along v", tangent, along, 1e-12);
  return finish();
}
#endif
