// Helpers for the self-checking forward-mode runtime tests: each check prints a message on mismatch
// and the test's main returns finish(), non-zero when any check failed.
#ifndef SWAD_FORWARD_CHECK_H
#define SWAD_FORWARD_CHECK_H

#include <math.h>
#include <stdio.h>

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

// Bitwise-distinguishing check for exact values such as +0.0, -0.0 and 1.0.
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

#endif
