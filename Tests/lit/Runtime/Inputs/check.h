// Helpers for the self-checking runtime tests: each check prints a message on mismatch
// and the test's main returns finish(), non-zero when any check failed.
#ifndef SWAD_RUNTIME_CHECK_H
#define SWAD_RUNTIME_CHECK_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int check_failures = 0;
static int check_count = 0;

// got == want exactly (so an exact zero must be zero), or within rtol relative to want.
static void check_rel(const char *what, double got, double want, double rtol) {
  check_count++;
  double err = fabs(got - want);
  if (got == want || err <= rtol * fabs(want)) return;
  check_failures++;
  fprintf(stderr, "FAIL %s: got %.17g, want %.17g (relative error %.3g, tolerance %.3g)\n", what, got, want,
          want != 0 ? err / fabs(want) : err, rtol);
}

// Within tol relative to max(|want|, 1): for comparisons against finite differences, whose error is
// absolute near zero.
static void check_fd(const char *what, double got, double want, double tol) {
  check_count++;
  double err = fabs(got - want);
  if (err <= tol * fmax(fabs(want), 1.0)) return;
  check_failures++;
  fprintf(stderr, "FAIL %s: got %.17g, finite differences give %.17g (error %.3g, tolerance %.3g)\n", what, got,
          want, err, tol);
}

// Within tol relative to scale: for sums whose terms cancel (uᵀJv), compared against the size of
// the terms rather than of the result.
static void check_scaled(const char *what, double got, double want, double scale, double tol) {
  check_count++;
  double err = fabs(got - want);
  if (err <= tol * fmax(scale, 1e-300)) return;
  check_failures++;
  fprintf(stderr, "FAIL %s: got %.17g, want %.17g (error %.3g, scale %.3g, tolerance %.3g)\n", what, got, want,
          err, scale, tol);
}

// Exact comparison, distinguishing +0.0 from -0.0 is not intended: 0.0 == -0.0 passes.
static void check_exact(const char *what, double got, double want) {
  check_count++;
  if (got == want) return;
  check_failures++;
  fprintf(stderr, "FAIL %s: got %.17g, want exactly %.17g\n", what, got, want);
}

static int finish(void) {
  if (check_failures) {
    fprintf(stderr, "%d of %d checks failed\n", check_failures, check_count);
    return 1;
  }
  printf("%d checks passed\n", check_count);
  return 0;
}

// Checks the gradient dx of f(x, n) against central differences with step h, each component to
// tol (`check_fd`, named "<what>, d/dx[i]"); x is restored.
static void check_gradient_fd(const char *what, double (*f)(const double *, int), double *x, const double *dx,
                              int n, double h, double tol) {
  for (int i = 0; i < n; i++) {
    double saved = x[i];
    x[i] = saved + h;
    double plus = f(x, n);
    x[i] = saved - h;
    double minus = f(x, n);
    x[i] = saved;
    char name[128];
    snprintf(name, sizeof name, "%s, d/dx[%d]", what, i);
    check_fd(name, dx[i], (plus - minus) / (2 * h), tol);
  }
}

// Checks the gradient (dx, dl) of f(x, l, n), l of nl elements, against central differences with
// step h, each component to tol (`check_fd`).
static void check_gradient_two_arrays(double (*f)(const double *, const double *, int), const double *x,
                                      const double *l, int n, int nl, const double *dx, const double *dl,
                                      double h, double tol) {
  double *xs = (double *)malloc(sizeof(double) * (n + nl)), *ls = xs + n;
  for (int k = 0; k < n; k++) xs[k] = x[k];
  for (int k = 0; k < nl; k++) ls[k] = l[k];
  for (int i = 0; i < n + nl; i++) {
    double *v = i < n ? &xs[i] : &ls[i - n];
    double saved = *v;
    *v = saved + h;
    double plus = f(xs, ls, n);
    *v = saved - h;
    double minus = f(xs, ls, n);
    *v = saved;
    check_fd(i < n ? "dx" : "dl", i < n ? dx[i] : dl[i - n], (plus - minus) / (2 * h), tol);
  }
  free(xs);
}

// A deterministic pseudo-random generator (xorshift64*), so failures reproduce.
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
// Uniform in [-1, 1).
static double rng_uniform(void) {
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  uint64_t r = rng_state * 0x2545F4914F6CDD1Dull;
  return (double)(r >> 11) * (2.0 / 9007199254740992.0) - 1.0;
}
static void rng_fill(double *a, int n) {
  for (int i = 0; i < n; i++) a[i] = rng_uniform();
}

static double vector_dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}
// Σ |a_i b_i|: the scale of a dot product, for tolerances of sums that may cancel.
static double vector_dot_scale(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += fabs(a[i] * b[i]);
  return s;
}

#endif
