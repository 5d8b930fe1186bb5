// REQUIRES: x86-avx2
// Loops that AVX2 vectorizes with masked loads and stores (-O3 -march=haswell): a short loop whose
// run-time trip count is folded into its vector body, a stencil's boundary test
// (i + 1 < n ? x[i + 1] : 0), and values clipped in place (stored only where they change). The
// masked intrinsics had no rule and such loops were refused; they are made per-lane tests and
// scalar accesses before AD (Support/MaskedMemory.swift). Both modes against the derivatives by
// hand, at every trip count from 1 to 19 (a vector of 4 and tails of every length); -O2 and
// unoptimized input too (no masked accesses there, the same answers).
// RUN: %clang -O3 -march=haswell -emit-llvm -c %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang -march=haswell %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang -O2 -emit-llvm -c %s -o %t.O2.bc
// RUN: %swad-opt %t.O2.bc -o %t.O2.opt.bc
// RUN: %clang %t.O2.opt.bc -o %t.O2 -lm
// RUN: %t.O2
// RUN: %clang -O0 -emit-llvm -c %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
#include <math.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

// The largest magnitude among the first m values, m known only at run time.
double largest(const double *v, int m) {
  double s = 0;
  for (int i = 0; i < m; i++) s = fmax(s, fabs(v[i]));
  return s;
}

// The same over 9 or 10 values: a trip count this small is folded into one masked vector body.
double largest_of_few(const double *v, int k) {
  int m = 9 + (k > 100);
  double s = 0;
  for (int i = 0; i < m; i++) s = fmax(s, fabs(v[i]));
  return s;
}

// Neighbours' products, the last one with a zero beyond the end.
double stencil(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += x[i] * (i + 1 < n ? x[i + 1] : 0.0);
  return s;
}

// Values above the cap clipped in place, then summed in squares.
double clipped(double *x, int n) {
  for (int i = 0; i < n; i++)
    if (x[i] > 0.5) x[i] = 0.5;
  double s = 0;
  for (int i = 0; i < n; i++) s += x[i] * x[i];
  return s;
}

enum { N = 19 };

int main(void) {
  double v[N];
  for (int i = 0; i < N; i++) v[i] = sin(1.3 * i + 0.4) * (1 + 0.1 * i);
  for (int n = 1; n <= N; n++) {
    // largest: the derivative goes to the first lane of largest magnitude, as its sign.
    double dv[N] = {0};
    __enzyme_autodiff((void *)largest, enzyme_dup, v, dv, enzyme_const, n);
    int at = 0;
    for (int i = 1; i < n; i++)
      if (fabs(v[i]) > fabs(v[at])) at = i;
    for (int i = 0; i < N; i++) {
      double want = i == at ? copysign(1.0, v[i]) : 0.0;
      check_exact("largest", dv[i], want);
      if (i >= n) continue;
      double t[N] = {0};
      t[i] = 1;
      check_exact("largest forward", __enzyme_fwddiff((void *)largest, enzyme_dup, v, t, enzyme_const, n), want);
    }

    if (n == 1) {
      for (int k = 0; k <= 200; k += 200) {
        double df[N] = {0};
        __enzyme_autodiff((void *)largest_of_few, enzyme_dup, v, df, enzyme_const, k);
        int m = 9 + (k > 100), top = 0;
        for (int i = 1; i < m; i++)
          if (fabs(v[i]) > fabs(v[top])) top = i;
        for (int i = 0; i < N; i++) {
          double want = i == top ? copysign(1.0, v[i]) : 0.0;
          check_exact("largest of few", df[i], want);
          double t[N] = {0};
          t[i] = 1;
          check_exact("largest of few forward", __enzyme_fwddiff((void *)largest_of_few, enzyme_dup, v, t, enzyme_const, k), want);
        }
      }
    }

    double dx[N] = {0};
    __enzyme_autodiff((void *)stencil, enzyme_dup, v, dx, enzyme_const, n);
    for (int i = 0; i < N; i++) {
      double want = i >= n ? 0.0 : (i + 1 < n ? v[i + 1] : 0.0) + (i > 0 ? v[i - 1] : 0.0);
      check_rel("stencil", dx[i], want, 1e-15);
      if (i >= n) continue;
      double t[N] = {0};
      t[i] = 1;
      check_rel("stencil forward", __enzyme_fwddiff((void *)stencil, enzyme_dup, v, t, enzyme_const, n), want, 1e-15);
    }

    double x[N], dc[N] = {0};
    for (int i = 0; i < N; i++) x[i] = v[i];
    __enzyme_autodiff((void *)clipped, enzyme_dup, x, dc, enzyme_const, n);
    for (int i = 0; i < N; i++) check_exact("clipped in place", x[i], i < n && v[i] > 0.5 ? 0.5 : v[i]);
    for (int i = 0; i < N; i++) {
      double want = i < n && v[i] <= 0.5 ? 2 * v[i] : 0.0;
      check_rel("clipped", dc[i], want, 1e-15);
      if (i >= n) continue;
      for (int j = 0; j < N; j++) x[j] = v[j];
      double t[N] = {0};
      t[i] = 1;
      check_rel("clipped forward", __enzyme_fwddiff((void *)clipped, enzyme_dup, x, t, enzyme_const, n), want, 1e-15);
      for (int j = 0; j < N; j++) x[j] = v[j];
    }
  }
  return finish();
}
