// A local struct and a local array of pointers that mix the duplicated x with enzyme_const
// pointers, handed to non-inlined helpers: the shadow of the local aggregate holds x's shadow where
// x was stored and nothing usable for the constant pointers, so reading through them is inactive
// and the reverse sweep never writes into constant memory.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
#include <string.h>
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

typedef struct {
  const double *w;
  double *x;
  int n;
} Pair;

// Σ w_i x_i²
__attribute__((noinline)) static double wsum(const Pair *p) {
  double s = 0;
  for (int i = 0; i < p->n; i++) s += p->w[i] * p->x[i] * p->x[i];
  return s;
}

// Σ_r (r + 1) Σ_i rows[r][i]²
__attribute__((noinline)) static double rowsum(const double *const *rows, int m, int n) {
  double s = 0;
  for (int r = 0; r < m; r++)
    for (int i = 0; i < n; i++) s += (r + 1) * rows[r][i] * rows[r][i];
  return s;
}

// wsum + x_0 w_0 (the draft's program).
double pair_and_rows(double *x, const double *w, int n) {
  Pair p = {w, x, n};
  const double *rows[2] = {w, x};
  return wsum(&p) + rows[1][0] * rows[0][0];
}

// rows = {w, x, v, x + 1}: 1 Σ w_i² + 2 Σ x_i² + 3 Σ v_i² + 4 Σ x_{i+1}², over i < n.
double mixed_rows(double *x, const double *w, const double *v, int n) {
  const double *rows[4] = {w, x, v, x + 1};
  return rowsum(rows, 4, n);
}

// The struct's active field reassigned to another constant, then back: only the stores that held x
// at the call carry its shadow.
double reassigned(double *x, const double *w, const double *v, int n) {
  Pair p = {w, x, n};
  double a = wsum(&p);        // Σ w x²
  p.x = (double *)v;
  double b = wsum(&p);        // Σ w v²: constant
  p.x = x;
  p.w = v;
  double c = wsum(&p);        // Σ v x²
  return a + b + c;
}

int main(void) {
  double x[4] = {0.5, 1.5, -2, 0.25}, w[4] = {1, 2, 3, 4}, v[4] = {-1, 0.5, 2, -3}, t[4] = {1, -1, 0.5, 2};
  const int n = 3;
  char what[64];

  {
    double dx[4] = {0}, want_t = 0;
    __enzyme_autodiff((void *)pair_and_rows, enzyme_dup, x, dx, enzyme_const, w, enzyme_const, n);
    for (int i = 0; i < 4; i++) {
      double want = i < n ? 2 * w[i] * x[i] + (i == 0 ? w[0] : 0) : 0;
      snprintf(what, sizeof what, "pair_and_rows dx[%d]", i);
      check_rel(what, dx[i], want, 1e-13);
      want_t += want * t[i];
    }
    double tan = __enzyme_fwddiff((void *)pair_and_rows, enzyme_dup, x, t, enzyme_const, w, enzyme_const, n);
    check_rel("pair_and_rows tangent", tan, want_t, 1e-13);
  }
  {
    double dx[4] = {0}, want_t = 0;
    __enzyme_autodiff((void *)mixed_rows, enzyme_dup, x, dx, enzyme_const, w, enzyme_const, v, enzyme_const, n);
    for (int i = 0; i < 4; i++) {
      double want = (i < n ? 4 * x[i] : 0) + (i >= 1 ? 8 * x[i] : 0);
      snprintf(what, sizeof what, "mixed_rows dx[%d]", i);
      check_rel(what, dx[i], want, 1e-13);
      want_t += want * t[i];
    }
    double tan = __enzyme_fwddiff((void *)mixed_rows, enzyme_dup, x, t, enzyme_const, w, enzyme_const, v, enzyme_const, n);
    check_rel("mixed_rows tangent", tan, want_t, 1e-13);
  }
  {
    double dx[4] = {0}, want_t = 0;
    __enzyme_autodiff((void *)reassigned, enzyme_dup, x, dx, enzyme_const, w, enzyme_const, v, enzyme_const, n);
    for (int i = 0; i < 4; i++) {
      double want = i < n ? 2 * (w[i] + v[i]) * x[i] : 0;
      snprintf(what, sizeof what, "reassigned dx[%d]", i);
      check_rel(what, dx[i], want, 1e-13);
      want_t += want * t[i];
    }
    double tan = __enzyme_fwddiff((void *)reassigned, enzyme_dup, x, t, enzyme_const, w, enzyme_const, v, enzyme_const, n);
    check_rel("reassigned tangent", tan, want_t, 1e-13);
  }

  const double w_saved[4] = {1, 2, 3, 4}, v_saved[4] = {-1, 0.5, 2, -3};
  for (int i = 0; i < 4; i++) {
    snprintf(what, sizeof what, "w[%d] unchanged", i);
    check_exact(what, w[i], w_saved[i]);
    snprintf(what, sizeof what, "v[%d] unchanged", i);
    check_exact(what, v[i], v_saved[i]);
  }
  return finish();
}
