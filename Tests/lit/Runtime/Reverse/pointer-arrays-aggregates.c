// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Pointers held in memory and aggregates through calls: a matrix given as an array of row pointers
// (the shadow is an array of shadow row pointers), a list of pointers built inside the function on
// the stack, a callee returning a struct of two doubles by value, and a callee with its own loop
// called in a loop (the callee's records interleave with the caller's on the one tape).
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_autodiff_1(void *, ...);
extern int enzyme_dup, enzyme_const, enzyme_out;

// Σ_i Σ_j rows[i][j]² · (j + 1)
double frobenius_rows(double *const *rows, int m, int n) {
  double s = 0;
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++) s += rows[i][j] * rows[i][j] * (j + 1);
  return s;
}

// Builds pointers to a, b, c in a local array and sums their first elements cubed, in a loop.
double via_local_pointers(double *a, double *b, double *c) {
  double *ptrs[3] = {a, b, c};
  double s = 0;
  for (int k = 0; k < 3; k++) s += ptrs[k][0] * ptrs[k][0] * ptrs[k][0];
  return s;
}

typedef struct { double re, im; } Complex;
__attribute__((noinline)) Complex cmul(Complex a, Complex b) {
  Complex r = {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
  return r;
}
// |z^k|² for z = x + i y, by repeated complex multiplication: (x² + y²)^k.
double cpow_norm(double x, double y, int k) {
  Complex z = {x, y}, p = {1, 0};
  for (int i = 0; i < k; i++) p = cmul(p, z);
  return p.re * p.re + p.im * p.im;
}

__attribute__((noinline)) double poly(const double *c, int n, double t) {
  double r = 0;
  for (int i = n - 1; i >= 0; i--) r = r * t + c[i];
  return r;
}
// t_{k+1} = poly(c, t_k) · 0.5 for k steps.
double iterate_poly(const double *c, int n, double t, int steps) {
  for (int k = 0; k < steps; k++) t = 0.5 * poly(c, n, t);
  return t;
}

int main(void) {
  char what[96];
  enum { M = 4, N = 5 };
  double store[M][N], dstore[M][N];
  double *rows[M], *drows[M];
  for (int i = 0; i < M; i++) {
    rng_fill(store[i], N);
    for (int j = 0; j < N; j++) dstore[i][j] = 0.125;
    rows[i] = store[i];
    drows[i] = dstore[i];
  }
  __enzyme_autodiff((void *)frobenius_rows, rows, drows, M, N);
  for (int i = 0; i < M; i++)
    for (int j = 0; j < N; j++) {
      snprintf(what, sizeof what, "frobenius_rows d[%d][%d]", i, j);
      check_rel(what, dstore[i][j], 0.125 + 2 * store[i][j] * (j + 1), 1e-12);
    }

  double a = 0.5, b = -1.5, c = 2.0, da = 0, db = 0, dc = 1;
  __enzyme_autodiff((void *)via_local_pointers, &a, &da, &b, &db, &c, &dc);
  check_rel("via_local_pointers da", da, 3 * a * a, 1e-12);
  check_rel("via_local_pointers db", db, 3 * b * b, 1e-12);
  check_rel("via_local_pointers dc", dc, 1 + 3 * c * c, 1e-12);

  for (int k = 0; k <= 6; k += 3) {
    double x = 0.75, y = -0.5, r2 = x * x + y * y;
    double dx = __enzyme_autodiff_1((void *)cpow_norm, enzyme_out, x, enzyme_const, y, enzyme_const, k);
    snprintf(what, sizeof what, "cpow_norm k=%d d/dx", k);
    check_rel(what, dx, k == 0 ? 0.0 : k * pow(r2, k - 1) * 2 * x, 1e-12);
  }

  double coef[4] = {0.3, -0.2, 0.1, 0.05}, dcoef[4] = {0, 0, 0, 0};
  for (int steps = 1; steps <= 7; steps += 3) {
    double t0 = 0.4;
    double dt = __enzyme_autodiff_1((void *)iterate_poly, enzyme_const, coef, enzyme_const, 4, enzyme_out, t0,
                                    enzyme_const, steps);
    // By hand: d t_{k+1} / d t_k = 0.5 · poly'(t_k).
    double t = t0, d = 1;
    for (int k = 0; k < steps; k++) {
      double dp = coef[1] + 2 * coef[2] * t + 3 * coef[3] * t * t;
      d *= 0.5 * dp;
      t = 0.5 * poly(coef, 4, t);
    }
    snprintf(what, sizeof what, "iterate_poly steps=%d d/dt", steps);
    check_rel(what, dt, d, 1e-12);

    // With respect to the coefficients (duplicated): forward accumulation by hand.
    for (int i = 0; i < 4; i++) dcoef[i] = 0;
    __enzyme_autodiff((void *)iterate_poly, enzyme_dup, coef, dcoef, enzyme_const, 4, enzyme_const, t0,
                      enzyme_const, steps);
    double tc = t0, dtc[4] = {0, 0, 0, 0};
    for (int k = 0; k < steps; k++) {
      double dp = coef[1] + 2 * coef[2] * tc + 3 * coef[3] * tc * tc;
      double p = 1;
      for (int i = 0; i < 4; i++) {
        dtc[i] = 0.5 * (dp * dtc[i] + p);
        p *= tc;
      }
      tc = 0.5 * poly(coef, 4, tc);
    }
    for (int i = 0; i < 4; i++) {
      snprintf(what, sizeof what, "iterate_poly steps=%d d/dcoef[%d]", steps, i);
      check_rel(what, dcoef[i], dtc[i], 1e-12);
    }
  }
  return finish();
}
